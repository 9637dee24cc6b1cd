import { createContext, useContext } from 'react';
import type { AppApi } from './app-api.js';

export const ApiContext = createContext<AppApi | undefined>(undefined);

export function useApi(): AppApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiContext');
  return api;
}
