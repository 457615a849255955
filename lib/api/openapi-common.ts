/** Shared pieces for describing API operations (kept apart from openapi.ts to avoid import cycles). */
import type { z } from 'zod';

export type Operation = {
  summary: string;
  description?: string;
  tags: string[];
  auth?: boolean;
  params?: Array<{ name: string; in: 'path' | 'query'; description?: string; schema?: object; required?: boolean }>;
  body?: z.ZodType | { contentType: string; schema: object };
  responses: Record<string, { description: string; schema?: object }>;
};

export type Paths = Record<string, Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>>;

export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

export const pagingParams: NonNullable<Operation['params']> = [
  { name: 'limit', in: 'query', description: 'Page size, 1-500 (default 50).', schema: { type: 'integer', minimum: 1, maximum: 500 } },
  { name: 'offset', in: 'query', description: 'Items to skip (default 0).', schema: { type: 'integer', minimum: 0 } },
];

export function listOf(item: object) {
  return {
    type: 'object',
    required: ['items', 'total', 'limit', 'offset'],
    properties: { items: { type: 'array', items: item }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } },
  };
}

