import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ThemeProvider } from './_components/theme-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Sieve', template: '%s · Sieve' },
  description: 'Screening workbench for systematic reviews',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen font-sans">
        <ThemeProvider>{children}</ThemeProvider>
      </body>
    </html>
  );
}
