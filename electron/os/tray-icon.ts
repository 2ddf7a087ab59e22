// The tray icon, inline so it needs no resource path in dev or packaged builds (build/icons/tray.png).
export const TRAY_ICON_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAaUlEQVR42u3XUQoAIAgDUC/cd8evC0SlLFwyoc/YI6LUTOWp1sfVSguGQ6LBEAgqPIRAh7sQr8KvEamAzUZvxRCpgMPRQQFLxG8A/GUUQIDfAAXfAf0F6gdoWjKKppSiLacYTGhGs8o1AXQHwpwRPpmVAAAAAElFTkSuQmCC';
