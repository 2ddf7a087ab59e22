// Whether the editor around a component is read-only: list editors then hide add/remove/move.
import { createContext, useContext } from 'react';

export const ReadOnlyContext = createContext(false);
export const useReadOnly = () => useContext(ReadOnlyContext);
