// 通知书 (SPEC §12 "Letters"): the window ↔ core contract. Mirrors src-tauri/src/commands/letters.rs and
// crates/core/src/season/letters.rs. Calls go through `call` in ./index.ts.
import { call } from './index'
import type { LetterKind } from './gen/LetterKind'
import type { LetterTemplate } from './gen/LetterTemplate'
import type { LetterTemplates } from './gen/LetterTemplates'
import type { Letter } from './gen/Letter'
import type { LetterGap } from './gen/LetterGap'
import type { LetterLogEntry } from './gen/LetterLogEntry'
import type { LettersOverview } from './gen/LettersOverview'
import type { LettersWritten } from './gen/LettersWritten'
import type { WrittenLetter } from './gen/WrittenLetter'

export type { LetterKind, LetterTemplate, LetterTemplates, Letter, LetterGap, LetterLogEntry, LettersOverview, LettersWritten, WrittenLetter }

export const lettersOverview = (kind: LetterKind) => call('letters_overview', { kind })
export const letterTemplateSave = (kind: LetterKind, template: LetterTemplate) => call('letter_template_save', { kind, template })
/** The laid-out page (the one the PDF draws) of `letter` (a sample when null) under the template being edited. */
export const letterPreview = (kind: LetterKind, template: LetterTemplate, letter: Letter | null) =>
  call('letter_preview', { kind, template, letter })
/** Gives numbers (kept on re-prints) and writes <种类>-全部.pdf, <种类>-联系名单.xlsx and one PDF per letter into `dir`. */
export const lettersWrite = (kind: LetterKind, dir: string, printedBy: string) => call('letters_write', { kind, dir, printedBy })
