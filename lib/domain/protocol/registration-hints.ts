/**
 * Gentle checks on the registration fields. They are hints, not rules: registries change their
 * formats (PROSPERO's IDs grew a digit when it moved to its new system in 2025), and a wrong hint
 * must never block saving a protocol.
 */
import type { ProtocolFields } from './types';

// CRD42019123346: "CRD" then 11 digits (12 in the 2025 system, e.g. CRD420251234567).
const PROSPERO_ID = /^CRD\d{11,12}$/i;
const LOOKS_LIKE_PROSPERO = /^CRD\d/i;

export function isProsperoRegistry(registry: string): boolean {
  return registry.trim().toLowerCase() === 'prospero';
}

export function registrationHints(fields: Pick<ProtocolFields, 'registry' | 'registrationId'>): string[] {
  const id = fields.registrationId.trim();
  if (!id) return [];
  if (isProsperoRegistry(fields.registry) && !PROSPERO_ID.test(id)) {
    return [`PROSPERO IDs look like CRD42019123346 (CRD followed by 11 or 12 digits); check “${id}”.`];
  }
  if (!fields.registry.trim() && LOOKS_LIKE_PROSPERO.test(id)) {
    return ['This looks like a PROSPERO ID: set the registry to PROSPERO.'];
  }
  return [];
}
