/**
 * Structured abstracts arrive as "LABEL: text" paragraphs separated by blank lines (how the
 * importers keep MEDLINE/PubMed sections). A label is upper case, as NLM writes them
 * ("BACKGROUND", "MATERIALS AND METHODS"); anything else is an unlabelled paragraph.
 */
export interface AbstractSection {
  label: string | null;
  text: string;
}

const LABELLED = /^([A-Z][A-Z0-9 ,&/()'-]{1,80}?):\s+([\s\S]+)$/;

export function abstractSections(abstract: string): AbstractSection[] {
  return abstract
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const m = LABELLED.exec(p);
      return m ? { label: m[1], text: m[2] } : { label: null, text: p };
    });
}

/** "MATERIALS AND METHODS" -> "Materials and methods" (labels read calmer in sentence case). */
export function sentenceCase(label: string): string {
  const lower = label.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}
