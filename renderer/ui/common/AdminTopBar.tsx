// The top bar of the screens off the board (configuration, dashboard). What it shows (the user's
// menu, the connection) belongs to features, so the app hands the bar in through this context:
// a feature screen places it without importing the app or another feature's screen.
import { createContext, useContext, type ReactNode } from 'react';

export interface TopBarProps {
  /** The screen's name next to the brand. */
  title?: string;
}

export const AdminTopBarContext = createContext<((props: TopBarProps) => ReactNode) | null>(null);

export function AdminTopBar(props: TopBarProps) {
  const render = useContext(AdminTopBarContext);
  if (!render) throw new Error('AdminTopBar outside AdminTopBarContext');
  return render(props);
}
