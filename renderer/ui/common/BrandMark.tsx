// The Baton mark: a plain rounded square with a "B", no image files needed.
import { Box } from '@mui/material';

export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <Box
      aria-hidden
      sx={{
        width: size,
        height: size,
        borderRadius: 1.5,
        bgcolor: 'primary.main',
        color: '#fff',
        display: 'grid',
        placeItems: 'center',
        fontWeight: 700,
        fontSize: size * 0.5,
        flexShrink: 0,
      }}
    >
      B
    </Box>
  );
}
