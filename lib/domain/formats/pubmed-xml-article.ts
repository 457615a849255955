/**
 * Turns the SAX events of one <PubmedArticle> or <PubmedBookArticle> into a BibRecord.
 * Element names and nesting follow the NLM PubMed DTD (https://dtd.nlm.nih.gov/ncbi/pubmed/out/,
 * e.g. pubmed_250101.dtd) and its element descriptions
 * (https://www.nlm.nih.gov/bsd/licensee/elements_descriptions.html).
 */
import { emptyRecord, type BibAuthor, type BibRecord } from '../records/bib-record';
import { expandPages, normalizeDoi, yearFrom } from '../records/normalize';
import { clean, dayNumber, dropUndefined, monthName, stripTranslationBrackets } from './pubmed-common';

type Attrs = Record<string, string>;

interface DateParts {
  Year?: string;
  Month?: string;
  Day?: string;
  Season?: string;
  MedlineDate?: string;
}

interface PersonParts {
  LastName?: string;
  ForeName?: string;
  Initials?: string;
  CollectiveName?: string;
}

const isMath = (name: string) => name === 'math' || name.endsWith(':math');

export class ArticleBuilder {
  private readonly stack: string[] = [];
  private readonly r: BibRecord = emptyRecord();
  // The element whose text is being collected, with everything nested in it (mixed content).
  private key: string | null = null;
  private keyDepth = 0;
  private keyAttrs: Attrs = {};
  private parts: string[] = [];
  private mathDepth = 0;

  private readonly abstract: string[] = [];
  private author: PersonParts | null = null;
  private editorsList = false;
  private readonly pubDate: DateParts = {};
  private articleDate: DateParts | null = null;
  private articleDateDone = false;
  private mesh: string | null = null;
  private bookTitle?: string;
  private elocDoi?: string;
  private idDoi?: string;
  private idPmid?: string;
  private medlinePgn?: string;
  private startPage?: string;
  private endPage?: string;
  private medlineTA?: string;

  open(name: string, attrs: Attrs): void {
    const parent = this.stack[this.stack.length - 1];
    const grand = this.stack[this.stack.length - 2];
    this.stack.push(name);
    if (this.key) {
      if (isMath(name)) this.mathDepth++;
      return;
    }
    const key = this.keyFor(name, parent, grand, attrs);
    if (key) {
      this.key = key;
      this.keyDepth = this.stack.length;
      this.keyAttrs = attrs;
      this.parts = [];
      this.mathDepth = isMath(name) ? 1 : 0;
    }
  }

  text(t: string): void {
    // MathML markup is pretty-printed with insignificant whitespace between its elements; keeping it
    // would turn "VO2max" into "V . O 2 m a x".
    if (this.key !== null && (this.mathDepth === 0 || /\S/.test(t))) this.parts.push(t);
  }

  close(name: string): void {
    if (this.key !== null) {
      if (this.stack.length === this.keyDepth) {
        const key = this.key;
        this.key = null;
        this.setField(key, clean(this.parts.join('')), this.keyAttrs);
      } else if (isMath(name)) {
        this.mathDepth--;
      }
    } else if (name === 'Author' && this.author) {
      const a = personOf(this.author);
      if (a) this.r.authors.push(a);
      this.author = null;
    } else if (name === 'MeshHeading' && this.mesh !== null) {
      this.r.meshTerms.push(this.mesh);
      this.mesh = null;
    } else if (name === 'ArticleDate' && this.articleDate) {
      this.articleDateDone = true;
    }
    this.stack.pop();
  }

  private keyFor(name: string, parent: string | undefined, grand: string | undefined, a: Attrs): string | null {
    switch (name) {
      // PMIDs also appear in CommentsCorrections and DeleteCitation; only the citation's own counts.
      case 'PMID': return parent === 'MedlineCitation' || parent === 'BookDocument' ? name : null;
      case 'ArticleTitle':
      case 'VernacularTitle':
      case 'Language':
        return parent === 'Article' || parent === 'BookDocument' ? name : null;
      case 'BookTitle': return parent === 'Book' ? name : null;
      case 'AbstractText': return parent === 'Abstract' ? name : null;
      case 'AuthorList':
        // A book's editors are not its authors (PubmedBookArticle has both lists).
        this.editorsList = a.Type === 'editors';
        return null;
      case 'Author':
        if (parent === 'AuthorList' && !this.editorsList && a.ValidYN !== 'N') this.author = {};
        return null;
      case 'LastName':
      case 'ForeName':
      case 'Initials':
      case 'CollectiveName':
        return this.author && parent === 'Author' ? name : null;
      case 'ELocationID': return a.EIdType === 'doi' && a.ValidYN !== 'N' ? name : null;
      case 'ArticleId':
        // Reference lists carry ArticleIdLists of the cited works; only PubmedData's is this article's.
        return parent === 'ArticleIdList' && (grand === 'PubmedData' || grand === 'PubmedBookData') ? name : null;
      case 'Title':
      case 'ISOAbbreviation':
      case 'ISSN':
        return parent === 'Journal' ? name : null;
      case 'Volume':
      case 'Issue':
        return parent === 'JournalIssue' ? name : null;
      case 'ArticleDate':
        if (!this.articleDateDone) this.articleDate = {};
        return null;
      case 'Year':
      case 'Month':
      case 'Day':
      case 'Season':
      case 'MedlineDate':
        if (parent === 'PubDate') return 'PubDate';
        return parent === 'ArticleDate' && !this.articleDateDone ? 'ArticleDate' : null;
      case 'MedlinePgn':
      case 'StartPage':
      case 'EndPage':
        return parent === 'Pagination' ? name : null;
      case 'PublicationType': return parent === 'PublicationTypeList' ? name : null;
      case 'MedlineTA': return parent === 'MedlineJournalInfo' ? name : null;
      case 'DescriptorName':
      case 'QualifierName':
        return parent === 'MeshHeading' ? name : null;
      case 'Keyword': return parent === 'KeywordList' ? name : null;
      default: return null;
    }
  }

  private setField(key: string, v: string | undefined, a: Attrs): void {
    if (v === undefined) return;
    const r = this.r;
    const element = this.stack[this.stack.length - 1];
    switch (key) {
      case 'PMID': r.pmid ??= v; break;
      case 'ArticleTitle': r.title ??= stripTranslationBrackets(v); break;
      case 'VernacularTitle': r.titleVernacular ??= v; break;
      case 'BookTitle': this.bookTitle ??= v; break;
      case 'Language': r.language ??= v; break;
      // Structured abstracts keep their labels inline, one section per paragraph (see BibRecord.abstract).
      case 'AbstractText': this.abstract.push(a.Label ? `${a.Label}: ${v}` : v); break;
      case 'LastName':
      case 'ForeName':
      case 'Initials':
      case 'CollectiveName':
        this.author![key] = v;
        break;
      case 'ELocationID': this.elocDoi ??= normalizeDoi(v); break;
      case 'ArticleId':
        if (a.IdType === 'doi') this.idDoi ??= normalizeDoi(v);
        else if (a.IdType === 'pubmed') this.idPmid ??= v;
        break;
      case 'Title': r.journal ??= v; break;
      case 'ISOAbbreviation': r.journalAbbrev ??= v; break;
      case 'ISSN': r.issn ??= v; break;
      case 'Volume': r.volume ??= v; break;
      case 'Issue': r.issue ??= v; break;
      case 'PubDate': this.pubDate[element as keyof DateParts] ??= v; break;
      case 'ArticleDate': this.articleDate![element as keyof DateParts] ??= v; break;
      case 'MedlinePgn': this.medlinePgn ??= v; break;
      case 'StartPage': this.startPage ??= v; break;
      case 'EndPage': this.endPage ??= v; break;
      case 'PublicationType': r.publicationTypes.push(v); break;
      case 'MedlineTA': this.medlineTA ??= v; break;
      case 'Keyword': r.keywords.push(v); break;
      // Same notation as MEDLINE MH lines: "*" marks a major topic, qualifiers follow after "/".
      case 'DescriptorName': this.mesh = (a.MajorTopicYN === 'Y' ? '*' : '') + v; break;
      case 'QualifierName':
        if (this.mesh !== null) this.mesh += '/' + (a.MajorTopicYN === 'Y' ? '*' : '') + v;
        break;
    }
  }

  finish(): BibRecord {
    const r = this.r;
    r.pmid ??= this.idPmid;
    r.title ??= this.bookTitle;
    if (this.abstract.length) r.abstract = this.abstract.join('\n\n');
    r.doi = this.elocDoi ?? this.idDoi;
    r.journalAbbrev ??= this.medlineTA;
    r.pages = this.medlinePgn
      ? expandPages(this.medlinePgn)
      : this.startPage && expandPages(this.endPage ? `${this.startPage}-${this.endPage}` : this.startPage);
    // ArticleDate (electronic publication) only stands in when the issue date is missing.
    const date = dateString(this.pubDate) ?? (this.articleDate ? dateString(this.articleDate) : undefined);
    r.publicationDate = date;
    r.year = yearFrom(date);
    return dropUndefined(r);
  }
}

function personOf(p: PersonParts): BibAuthor | undefined {
  if (p.CollectiveName) return { name: p.CollectiveName, isCollective: true };
  if (!p.LastName) return undefined;
  const given = p.ForeName ?? p.Initials;
  return given
    ? { name: `${p.LastName}, ${given}`, family: p.LastName, given }
    : { name: p.LastName, family: p.LastName };
}

/** "2013 Sep 12", "2019 Winter" or a MedlineDate as given ("1998 Dec-1999 Jan"), like MEDLINE DP. */
function dateString(d: DateParts): string | undefined {
  if (d.MedlineDate) return d.MedlineDate;
  if (!d.Year) return d.Season;
  const parts = [d.Year];
  const month = monthName(d.Month);
  if (month) {
    parts.push(month);
    const day = dayNumber(d.Day);
    if (day) parts.push(day);
  } else if (d.Season) {
    parts.push(d.Season);
  }
  return parts.join(' ');
}
