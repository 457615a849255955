/** Full-text input: a link to a report, which part to remove, the reports-sought list's paging. */
import { z } from 'zod';
import { pagingSchema } from './review';

/**
 * PDFs are capped at 50 MB, or at SIEVE_MAX_UPLOAD_MB when that is smaller: journal PDFs are
 * rarely over 20 MB, and each upload is held in memory while its type and hash are checked.
 */
export const PDF_LIMIT_MB = 50;

export const fullTextLinkSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'Paste the address of the full text.')
    .max(2000, 'Use an address of at most 2000 characters.')
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'Give a web address starting with https:// or http://.'),
});
export type FullTextLinkInput = z.infer<typeof fullTextLinkSchema>;

export const fullTextPartSchema = z.object({
  part: z.enum(['file', 'url', 'all'], { message: 'part must be file, url or all.' }).default('all'),
});

export const reportsQuerySchema = pagingSchema.extend({ limit: pagingSchema.shape.limit.default(25) });
