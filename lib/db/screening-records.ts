/** The record as a screener sees it: bibliographic fields only, never other reviewers' work. */
import type { BibAuthor } from '../domain/records/bib-record';

export const screeningRecordSelect = {
  id: true,
  title: true,
  titleVernacular: true,
  abstract: true,
  authors: true,
  year: true,
  publicationDate: true,
  journal: true,
  journalAbbrev: true,
  volume: true,
  issue: true,
  pages: true,
  pmid: true,
  doi: true,
  url: true,
  keywords: true,
  meshTerms: true,
  publicationTypes: true,
  language: true,
} as const;

export interface ScreeningRecord {
  id: string;
  title: string;
  titleVernacular: string | null;
  abstract: string;
  authors: BibAuthor[];
  year: number | null;
  publicationDate: string | null;
  journal: string | null;
  journalAbbrev: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  pmid: string | null;
  doi: string | null;
  url: string | null;
  keywords: string[];
  meshTerms: string[];
  publicationTypes: string[];
  language: string | null;
}

export function toScreeningRecord(row: Omit<ScreeningRecord, 'authors'> & { authors: unknown }): ScreeningRecord {
  return { ...row, authors: Array.isArray(row.authors) ? (row.authors as BibAuthor[]) : [] };
}
