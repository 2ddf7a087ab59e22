// A link to the practice configuration screen ('#/admin'), for the user menu.
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import { Link } from '@mui/material';
import { navigate } from '../../app/route';

export function AdminLink({ label = 'Practice configuration' }: { label?: string }) {
  return (
    <Link
      href="#/admin"
      underline="hover"
      onClick={(e) => {
        e.preventDefault();
        navigate('admin');
      }}
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75 }}
      data-testid="admin-link"
    >
      <SettingsOutlined fontSize="small" />
      {label}
    </Link>
  );
}
