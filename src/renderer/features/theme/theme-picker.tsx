import { themeSchema, type Theme } from '../../../shared/api/settings-schema.js';
import { useBridge } from '../../app/bridge-context.js';
import { saveSettings } from '../../app/save-settings.js';
import { useAppStore } from '../../store/app-store.js';

const labels: Record<Theme, string> = { light: 'Light', dark: 'Dark', system: 'System' };

/** Light / Dark / System, saved through settings.set so every window follows. */
export function ThemePicker() {
  const bridge = useBridge();
  const theme = useAppStore((state) => state.settings.theme);
  const choose = (next: Theme) => saveSettings(bridge, { theme: next });
  return (
    <div className="segmented" role="radiogroup" aria-label="Theme">
      {themeSchema.options.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={theme === option}
          className={theme === option ? 'segment selected' : 'segment'}
          onClick={() => void choose(option)}
        >
          {labels[option]}
        </button>
      ))}
    </div>
  );
}
