/** Highlight terms on the screening screen (Porter-stem matching). */
export { porterStem } from './porter-stemmer';
export {
  compileHighlighter,
  highlightText,
  parseTerm,
  type HighlightKind,
  type HighlightSegment,
  type HighlightTerms,
} from './highlight';
export { foldWord, tokenize, type WordToken } from './words';
