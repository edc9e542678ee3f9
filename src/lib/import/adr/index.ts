/**
 * ADR import: Markdown decision records (one file, several, or a .zip) → decisions. Pure
 * functions over plain data (no Svelte, Dexie or DOM), used by the app and the CLI.
 *
 * - `parseAdr(fileName, text)` reads one file into a `ParsedAdr` (fields, no ids yet).
 * - `importAdrFiles(files, opts)` turns files into validated `Decision`s of a case study:
 *   numbering, re-import, supersede links.
 * - `readAdrArchive(bytes)` lists the Markdown files of a .zip.
 * - `suggestComponentLinks(decisions, components)` proposes decision → component links.
 *
 * ## Formats read
 *
 * MADR 2.x/3.x/4.x and Faultline's own export (src/lib/export/adr.ts, read back losslessly
 * for every field it writes), and the classic (Nygard / adr-tools) format. Markdown is
 * tokenised with marked, so code fences, nested lists and setext headings are handled as
 * Markdown; all text is taken from the source as written (escapes undone only in list items
 * and titles). CRLF and a BOM are accepted.
 *
 * ## Mapping
 *
 * - **Title**: the first level-1 heading (or a first heading above all others), else front
 *   matter `title`, else the file name ("0007-use-kafka.md" → "Use kafka"). A number prefix is
 *   removed ("5.", "ADR 001:", "ADR-5", "API-008:", "Architecture Decision Record:") and kept
 *   as `ParsedAdr.number` (else the file name's leading number), used for ordering and for
 *   references by number. When it differs from the file name's number it is also kept as an
 *   "Original number" extra section.
 * - **Metadata**: YAML front matter (`status`, `date`, `deciders` / `decision-makers`,
 *   `consulted`, `informed`), bullets (`* Status: …`), bold fields (`**Status:** …`) or plain
 *   lines (`Date: …`) before the first section. `consulted` and `informed` both become
 *   stakeholders. Other front matter keys (Jekyll's `parent`, comments…) are kept as a
 *   "Front matter" extra section (a yaml code block); other `Key: value` lines ("Technical
 *   Story: …") as an extra section named after the key; any other preamble text as "Notes".
 * - **Status**: free text normalised — accepted/approved/adopted/done/implemented → accepted;
 *   proposed/draft/open/in review/pending → proposed; rejected/declined/abandoned → rejected;
 *   deprecated/obsolete → deprecated; superseded/superceded/replaced → superseded. From front
 *   matter, a bullet or bold field, or a `## Status` section (first line). Unless the text was
 *   just the canonical word ("Accepted", "✅ accepted"), the original text is kept as a "Status"
 *   extra section. No status at all: "accepted" when a decision is recorded, else "proposed"
 *   (reported as a notice).
 * - **Date**: an ISO date (also `2020/01/13`, or with a time); anything else ("01/06/2019") is
 *   kept as a "Date" extra section, since day and month cannot be told apart.
 * - **Sections** (heading words matched case- and punctuation-insensitively, any order, a
 *   leading "1." ignored): Context and Problem Statement / Context / Problem / Background →
 *   context (sub-headings included); Decision Drivers → drivers (list items); Implementation
 *   Plan → implementation plan; Results ("Recorded YYYY-MM-DD." first) → results; Deciders →
 *   deciders.
 * - **Options (MADR)**: items of "Considered Options" (nested items are the description; a short
 *   item that is a question or ends with ":" with nested items is a group, whose items become
 *   options titled "A1: …"), or its sub-headings, or bold-led paragraphs ("**Use X.** Because
 *   …"). "Pros and Cons of the Options" sub-sections, and stray sections titled like an option
 *   or holding Good/Bad items, are merged into the option they name (same words, same "A2"
 *   label, a prefix, or clearly the most similar wording); an unmatched one becomes a new
 *   option. In an option's body, `Good, because …` / `Pro:` items and lists under a "Pros:" /
 *   "Cons:" label are pros and cons; everything else (Neutral items, examples, code) is its
 *   description. Link targets an option title would lose are kept in its description.
 * - **Decision Outcome**: `Chosen option: "X", because Y` (quotes optional, curly quotes,
 *   "Chosen options", "option 2") chooses the option X names (same matching as above; added
 *   as a new option when none matches), and Y plus the rest of the section is the rationale.
 *   When X says more than the option's title ("Multi-packages, monorepo, with Yarn"), the
 *   whole sentence stays in the rationale. Without that sentence, a sub-heading or first list
 *   item naming an option chooses it. Sub-sections: Consequences / Positive / Negative
 *   Consequences → consequences; Implementation Plan; Results; others (Confirmation, a
 *   decision matrix) → extra sections.
 * - **Decision (classic)**: the section's text is the rationale. If it introduces a list with
 *   a line like "We discussed three options:", those items are the options (none chosen; a
 *   notice asks the user to pick). Otherwise the chosen option is the option (from an
 *   Alternatives / Options section) its first sentence names, or else a new option titled
 *   with that first sentence (at most 120 characters). So a classic ADR with a Decision
 *   section always has at least one option. Alternatives / Alternatives Considered /
 *   Alternative Approaches / Options sections are read like Considered Options.
 * - **Consequences**: `Good, because` / `Bad, because` / `Trade-off accepted:` items, and items
 *   under Positive / Negative / Advantages / Drawbacks / Trade-offs headings or "Pros:" labels
 *   go to positive / negative / trade-offs. Unlabelled items and prose (most classic ADRs) are
 *   kept as a "Consequences" extra section: the model does not say whether they are good or bad.
 * - **Everything else** (unknown sections, More Information and its sub-sections, Links,
 *   Validation, leftovers of the sections above) is kept as extra sections with their
 *   headings, in document order. Nothing is dropped, except structure the fields now carry: a
 *   section's own heading, "Good, because" prefixes, a sub-heading whose whole content went
 *   into fields, YAML keys that were mapped.
 *
 * ## Import (importAdrFiles)
 *
 * - Files are taken in natural file-name order; each new decision gets the next number after
 *   the case study's highest (and its `lastDecisionNumber`); `sourceFile` is the file name
 *   (path in an archive). Two files with the same ADR number are both kept.
 * - Not imported, reported in `problems` with the file name: empty files, files without ADR
 *   structure (README / index / table-of-contents files, our own exported README.md), files
 *   named like a template (`template.md`, `adr-template.md`).
 * - Re-import: a file whose name equals an existing decision's `sourceFile` becomes a new
 *   decision (a new number) and a notice says so, unless `replaceExisting` is set; then the
 *   existing decision is updated in place (id, number, component/connection links and
 *   supersede links kept; options keep their ids when their titles match) and returned in
 *   `updated`.
 * - Supersede links: "Superseded by …" / adr-tools' "Superceded by …" / "Supersedes …" /
 *   "Replaces …" lines (status, metadata, More Information, Links) are resolved by the
 *   linked file (relative to the referring file, then by file name), then by the referenced
 *   number (the other file's ADR number; a title disambiguates), then by title; also to
 *   existing decisions whose `sourceFile` matches. Both sides are set (`supersedes`,
 *   `supersededBy`; the old one's status becomes superseded) and the line leaves the extra
 *   section. An unresolved or conflicting reference stays as text, with a notice. Existing
 *   decisions that get a link are returned in `updated`.
 * - Every decision returned validates against the model's schema.
 */
export { parseAdr, type AdrFormat, type AdrReference, type ParsedAdr, type ParsedOption } from './parse';
export {
  compareFileNames,
  importAdrFiles,
  type AdrFile,
  type AdrImportIssue,
  type AdrImportResult,
  type ImportAdrOptions,
} from './import';
export { MAX_ADR_BYTES, readAdrArchive } from './archive';
export { suggestComponentLinks, type ComponentLinkSuggestion, type LinkableComponent } from './links';
