'use client';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { useTheme } from 'next-themes';
import { useSyncExternalStore } from 'react';
import { cx } from './ui/cx';

const OPTIONS = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
] as const;

const noop = () => () => {};
/** False during server rendering and hydration, true after: the theme is only known in the browser. */
const useMounted = () => useSyncExternalStore(noop, () => true, () => false);

export function ThemeToggle() {
  const { theme, resolvedTheme, setTheme } = useTheme();
  const mounted = useMounted();
  const current = mounted ? (theme ?? 'system') : 'system';
  const label = OPTIONS.find((o) => o.value === current)?.label ?? 'System';

  return (
    <Menu.Root>
      <Menu.Trigger
        aria-label={`Theme: ${label}`}
        className="inline-flex size-9 items-center justify-center rounded-md text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-50"
      >
        {mounted && resolvedTheme === 'dark' ? <MoonIcon /> : <SunIcon />}
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-36 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
        >
          <Menu.Label className="px-2 py-1.5 text-xs font-medium text-zinc-600 dark:text-zinc-400">Theme</Menu.Label>
          <Menu.RadioGroup value={current} onValueChange={setTheme}>
            {OPTIONS.map((o) => (
              <Menu.RadioItem
                key={o.value}
                value={o.value}
                className={cx(
                  'flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm text-zinc-900 outline-none select-none',
                  'data-highlighted:bg-zinc-100 dark:text-zinc-100 dark:data-highlighted:bg-zinc-800',
                )}
              >
                <span className="flex size-4 items-center justify-center">
                  <Menu.ItemIndicator>
                    <CheckIcon />
                  </Menu.ItemIndicator>
                </span>
                {o.label}
              </Menu.RadioItem>
            ))}
          </Menu.RadioGroup>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}

const iconProps = { 'aria-hidden': true, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

function SunIcon() {
  return (
    <svg {...iconProps} className="size-5">
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
    </svg>
  );
}

function MoonIcon() {
  return (
    <svg {...iconProps} className="size-5">
      <path d="M20.5 14.5A8.5 8.5 0 0 1 9.5 3.5a8.5 8.5 0 1 0 11 11Z" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg {...iconProps} strokeWidth={2.2} className="size-4">
      <path d="m5 12.5 4.5 4.5L19 7.5" />
    </svg>
  );
}
