/** Switches between the light and dark themes; named by the theme it switches to. */
import { useStores, useUi } from '../app/stores.tsx';
import { MoonIcon, SunIcon } from './icons.tsx';
import { chooseTheme } from './themePreference.ts';

export function ThemeToggle() {
  const { ui } = useStores();
  const theme = useUi((s) => s.theme);
  const next = theme === 'dark' ? 'light' : 'dark';
  const name = next === 'dark' ? 'Dark theme' : 'Light theme';
  return (
    <button
      type="button"
      className="toolbar-button icon-only"
      aria-label={name}
      title={`Switch to the ${next} theme`}
      onClick={() => chooseTheme(ui, next)}
    >
      {next === 'dark' ? <MoonIcon /> : <SunIcon />}
    </button>
  );
}
