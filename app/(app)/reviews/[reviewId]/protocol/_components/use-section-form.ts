'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { protocolSectionSchemas, type ProtocolSection } from '@/lib/schemas/protocol';
import { applyServerErrors } from '../../../../../_components/apply-server-errors';
import { saveProtocolSectionAction } from '../actions';

type Values = Record<string, string>;

/**
 * A protocol section's form: the section's slice of the shared protocol schema on both sides,
 * server messages put back on their fields, and a status line saying which version was saved.
 */
export function useSectionForm(reviewId: string, section: ProtocolSection, defaults: Values, version: number) {
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<Values>({
    // The section schemas take text and give text (terms: lines in, a list out); the action returns text again.
    resolver: zodResolver(protocolSectionSchemas[section]) as unknown as Resolver<Values>,
    defaultValues: defaults,
  });

  const onSubmit = form.handleSubmit(async (data) => {
    setStatus(null);
    try {
      const result = await saveProtocolSectionAction(reviewId, section, data);
      if (!result.ok) return applyServerErrors(result, form.setError, Object.keys(defaults));
      form.reset(result.values);
      setStatus(result.version > version ? `Saved as version ${result.version}.` : 'No changes to save.');
    } catch {
      form.setError('root.server', { message: UNEXPECTED_MESSAGE });
    }
  });

  return { form, onSubmit, status };
}
