// An attached image, shown inline at the chosen zoom. A data: address (the content security policy
// allows those for images; the bytes never leave memory).
import { Box, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { toBase64 } from '../../db/phi-cipher';

/** What Chromium draws in an <img>; TIFF (common from fax) is not among them. */
const SHOWN_INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function ImageView({ bytes, contentType, name, zoom }: { bytes: Uint8Array; contentType: string; name: string; zoom: number }) {
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const source = useMemo(() => `data:${contentType};base64,${toBase64(bytes)}`, [bytes, contentType]);
  if (!SHOWN_INLINE.has(contentType)) {
    return <Typography sx={{ p: 3 }}>This image type cannot be shown here. Download it to open it with another program.</Typography>;
  }
  return (
    <Box sx={{ mx: 'auto', width: 'fit-content' }}>
      <img
        src={source}
        alt={name}
        data-testid="image-view"
        onLoad={(event) => setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })}
        style={natural ? { width: natural.width * zoom, height: natural.height * zoom, display: 'block' } : { display: 'block' }}
      />
    </Box>
  );
}
