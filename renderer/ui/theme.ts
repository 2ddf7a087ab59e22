// A calm, dense theme for all-day front-desk work: system fonts (no downloads), soft greys, one blue.
import { createTheme } from '@mui/material/styles';

export const theme = createTheme({
  palette: {
    mode: 'light',
    primary: { main: '#2f5d8a' },
    secondary: { main: '#5b6b7c' },
    background: { default: '#f3f5f8', paper: '#ffffff' },
    text: { primary: '#1f2933', secondary: '#5b6775' },
    divider: '#e1e6ec',
    // Each status colour reads at 4.5:1 or more as white text on it and as text on paper or the
    // page background (WCAG AA, checked by tests/e2e/accessibility.test.ts): MUI's own info blue
    // and a lighter amber did not.
    success: { main: '#2e7d5b' },
    warning: { main: '#975a16' },
    error: { main: '#b83a3a' },
    info: { main: '#1f6aa5' },
  },
  shape: { borderRadius: 8 },
  typography: {
    fontFamily: '"Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
    fontSize: 13,
    h6: { fontSize: '1rem', fontWeight: 600 },
    subtitle2: { fontWeight: 600 },
    button: { textTransform: 'none', fontWeight: 600 },
  },
  components: {
    // Keyboard focus is a ring around the control, everywhere (the board's keyboard selection is
    // drawn otherwise: an accent bar and a tint, TaskCard.tsx).
    MuiButtonBase: { styleOverrides: { root: { '&.Mui-focusVisible': { outline: '2px solid #2f5d8a', outlineOffset: 2 } } } },
    MuiButton: { defaultProps: { disableElevation: true, size: 'small' } },
    MuiTextField: { defaultProps: { size: 'small' } },
    MuiSelect: { defaultProps: { size: 'small' } },
    MuiFormControl: { defaultProps: { size: 'small' } },
    MuiChip: { defaultProps: { size: 'small' } },
    MuiPaper: { defaultProps: { elevation: 0 } },
    MuiAppBar: { defaultProps: { elevation: 0, color: 'inherit' } },
    MuiTableCell: { styleOverrides: { root: { paddingTop: 6, paddingBottom: 6 } } },
  },
});
