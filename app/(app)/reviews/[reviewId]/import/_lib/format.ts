/** Labels and number formats shared by the Import page's server and client parts. */
export const SOURCE_TYPE_LABEL: Record<string, string> = { database: 'Database', register: 'Register', other: 'Other method' };

export const FORMAT_NAMES: Record<string, string> = {
  medline: 'PubMed MEDLINE',
  'pubmed-xml': 'PubMed XML',
  ris: 'RIS',
  csv: 'CSV/TSV',
};

export const formatCount = (n: number) => n.toLocaleString('en-GB');

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;
