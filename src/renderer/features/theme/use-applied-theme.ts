import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/app-store.js';
import { resolveTheme } from './resolve-theme.js';

const darkQuery = '(prefers-color-scheme: dark)';

/** Paints the chosen theme on <html data-theme>, following the OS live when the choice is "system". */
export function useAppliedTheme(): 'light' | 'dark' {
  const theme = useAppStore((state) => state.settings.theme);
  const [systemDark, setSystemDark] = useState(() => matchMedia(darkQuery).matches);
  useEffect(() => {
    const query = matchMedia(darkQuery);
    const onChange = () => setSystemDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const applied = resolveTheme(theme, systemDark);
  useEffect(() => {
    document.documentElement.dataset.theme = applied;
  }, [applied]);
  return applied;
}
