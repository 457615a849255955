/** The record as a screener sees it: bibliographic fields only, never other reviewers' work. */
import { authorsFromJson, type StoredBibFields } from '../domain/records/bib-record';

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

export interface ScreeningRecord extends StoredBibFields {
  id: string;
  titleVernacular: string | null;
  meshTerms: string[];
  publicationTypes: string[];
}

export function toScreeningRecord(row: Omit<ScreeningRecord, 'authors'> & { authors: unknown }): ScreeningRecord {
  return { ...row, authors: authorsFromJson(row.authors) };
}
