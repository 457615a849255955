/**
 * PubMed XML reader (<PubmedArticleSet> as written by PubMed "Save as XML", E-utilities efetch and
 * the NLM baseline/update files). Structure: NLM PubMed DTD (https://dtd.nlm.nih.gov/ncbi/pubmed/out/).
 * Streams through saxes, which never reads external entities; a DOCTYPE that declares entities is
 * rejected outright so neither an XML bomb nor XXE can get anywhere.
 */
import { SaxesParser } from 'saxes';
import { parseAll, type ParsedRecord, type ParseResult, type StreamingParser } from '../records/bib-record';
import { noTitleOrAbstractMessage, ProblemLog } from './pubmed-common';
import { ArticleBuilder } from './pubmed-xml-article';

const RECORD_ELEMENTS = new Set(['PubmedArticle', 'PubmedBookArticle']);

export function createPubmedXmlParser(): StreamingParser {
  const log = new ProblemLog();
  const sax = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  let buf = ''; // input from the start of the open record (or the last few characters) onwards
  let base = 0; // input offset of buf[0]
  let depth = 0;
  let sawRoot = false;
  let rootClosed = false;
  let stopped = false;
  let ended = false;
  let started = false;
  let firstChar = ''; // first non-blank character of the input
  let article: ArticleBuilder | null = null;
  let recStart = -1; // input offset of the open record's '<', or -1
  let recLine = 0;
  let recName = '';
  let deleted = -1; // PMIDs in the open <DeleteCitation>, or -1 outside one
  let deleteLine = 0;
  let recordCount = 0;
  let out: ParsedRecord[] = [];

  // After the first well-formedness error nothing later can be trusted, so parsing stops there.
  function fatal(code: string, message: string, line: number): void {
    if (stopped) return;
    stopped = true;
    article = null;
    log.error(code, message, line);
  }

  sax.on('doctype', (doctype) => {
    // PubMed's DOCTYPE only names the public DTD. Entity declarations are how XML bombs and XXE
    // attacks start, and saxes would report their use as undefined entities anyway.
    if (/<!ENTITY/i.test(doctype)) {
      const line = sax.line - (doctype.split('\n').length - 1); // where <!DOCTYPE starts
      fatal(
        'invalid-xml',
        `Line ${line}: the DOCTYPE declares its own entities, which PubMed XML never does (a sign of an XML bomb or external-entity attack); the file was not read`,
        line,
      );
    }
  });

  // The record's raw text starts at its '<'. At opentagstart only the name has been read, so that
  // '<' is a few characters back, within the short tail push() always keeps.
  sax.on('opentagstart', (tag) => {
    if (stopped || depth !== 1 || !RECORD_ELEMENTS.has(tag.name)) return;
    recStart = base + buf.lastIndexOf('<' + tag.name, sax.position - base);
    recLine = sax.line;
  });

  sax.on('opentag', (tag) => {
    if (stopped) return;
    depth++;
    const name = tag.name;
    if (depth === 1) {
      sawRoot = true;
      if (name !== 'PubmedArticleSet') {
        fatal(
          'not-a-bibliographic-file',
          `The root element is <${name}>, not <PubmedArticleSet>: this is not a PubMed XML file`,
          sax.line,
        );
      }
    } else if (article) {
      article.open(name, tag.attributes);
    } else if (depth === 2 && RECORD_ELEMENTS.has(name)) {
      recName = name;
      article = new ArticleBuilder();
    } else if (depth === 2 && name === 'DeleteCitation') {
      deleted = 0;
      deleteLine = sax.line;
    } else if (deleted >= 0 && name === 'PMID') {
      deleted++;
    }
  });

  sax.on('closetag', (tag) => {
    if (stopped) return;
    if (article && depth === 2) {
      const record = article.finish();
      article = null;
      const raw = buf.slice(recStart - base, sax.position - base);
      recStart = -1;
      const index = recordCount++;
      out.push({ record, line: recLine, raw });
      if (!record.title && !record.abstract) {
        const msg = noTitleOrAbstractMessage(recLine, record.pmid, !!record.titleVernacular);
        log.warn('no-title-or-abstract', msg, recLine, index);
      }
    } else if (article) {
      article.close(tag.name);
    } else if (depth === 2 && deleted >= 0) {
      log.warn(
        'deleted-citations',
        `Line ${deleteLine}: <DeleteCitation> lists ${deleted} PMIDs to delete; deletions are not imported`,
        deleteLine,
      );
      deleted = -1;
    } else if (depth === 1) {
      rootClosed = true;
    }
    depth--;
  });

  sax.on('text', (text) => article?.text(text));
  sax.on('cdata', (text) => article?.text(text));

  sax.on('error', (err) => {
    const reason = err.message.replace(/^\d+:\d+: /, '');
    const line = sax.line;
    if (!sawRoot && firstChar !== '<') {
      fatal('not-a-bibliographic-file', `Line ${line}: this is not XML (${reason}), so not a PubMed XML file`, line);
    } else if (reason.startsWith('undefined entity')) {
      fatal(
        'invalid-xml',
        `Line ${line}: undefined entity; PubMed XML uses only the five XML entities and numeric references`,
        line,
      );
    } else {
      fatal('invalid-xml', `Line ${line}: invalid XML: ${reason}`, line);
    }
  });

  function take(): ParsedRecord[] {
    const done = out;
    out = [];
    return done;
  }

  return {
    push(chunk: string): ParsedRecord[] {
      if (ended || stopped || !chunk) return take();
      if (!started) {
        started = true;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      if (!firstChar) firstChar = chunk.match(/\S/)?.[0] ?? '';
      buf += chunk;
      try {
        sax.write(chunk);
      } catch (e) {
        // saxes reports through the error handler; this only guards against the unexpected.
        fatal('invalid-xml', `Line ${sax.line}: could not read the XML (${(e as Error).message})`, sax.line);
      }
      // Keep only what a record's raw text may still need: the open record, or a tail long enough to
      // hold the '<PubmedBookArticle' of a start tag split across chunks. Never rescans old text.
      const keep = stopped ? buf.length : recStart >= 0 ? recStart - base : Math.max(0, buf.length - 32);
      if (keep > 0) {
        buf = buf.slice(keep);
        base += keep;
      }
      return take();
    },
    end(): ParsedRecord[] {
      if (ended) return [];
      ended = true;
      if (!stopped) {
        if (!sawRoot) {
          fatal(
            'not-a-bibliographic-file',
            firstChar
              ? 'No <PubmedArticleSet> element was found: this is not a PubMed XML file'
              : 'The file is empty: it is not a PubMed XML file',
            sax.line,
          );
        } else if (!rootClosed) {
          const where = article
            ? `inside the <${recName}> that starts at line ${recLine}`
            : 'before the closing </PubmedArticleSet>';
          fatal(
            'truncated',
            `The file stops at line ${sax.line} ${where}: it was cut off; the ${recordCount} complete records before the cut were read`,
            article ? recLine : sax.line,
          );
        } else {
          try {
            sax.close(); // final well-formedness checks; problems arrive through the error handler
          } catch {
            /* reported by the handler */
          }
          if (recordCount === 0) log.warn('no-records', 'The PubmedArticleSet contains no articles', 1);
        }
      }
      log.flushCaps();
      buf = '';
      return take();
    },
    get problems() {
      return log.list;
    },
  };
}

export function parsePubmedXml(text: string): ParseResult {
  return parseAll('pubmed-xml', createPubmedXmlParser(), text);
}
