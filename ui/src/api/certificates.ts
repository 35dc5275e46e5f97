// 证书 (SPEC §7): the window ↔ core contract. Mirrors src-tauri/src/commands/certificates.rs and
// crates/core/src/certificates. Calls go through `call` in ./index.ts.
import { call } from './index'

export type SubjectKind = 'award' | 'unit'

export interface OverlayField {
  label: string
  text: string
  x_mm: number
  y_mm: number
  size_pt: number
  width_mm: number
}

export interface CertificateTemplate {
  title: string
  body: string
  unit_body: string
  members_line: string
  issuer: string
  date_line: string
  number_line: string
  contest_name: string
  organizer: string
  /** YYYY-MM-DD; must be set before printing. */
  date: string | null
  year: number
  number_format: string
  series_codes: Record<string, string>
  unit_series: string
  paper: 'a4_landscape' | 'a4_portrait'
  sizes: { title: number; body: number; members: number; issuer: number; number: number }
  /** 'full' = the whole certificate; 'overlay' = 套打 (only the variable text on pre-printed paper). */
  mode: 'full' | 'overlay'
  overlay_fields: OverlayField[]
  offset_x_mm: number
  offset_y_mm: number
  background_image: string | null
  seal_image: string | null
  seal_size_mm: number
  border: boolean
}

export interface CertificateSubject {
  kind: SubjectKind
  key: string
  group: string | null
  group_label: string
  prize: string
  project_no: string
  project_name: string
  entrant_name: string
  members: string[]
}

export interface Certificate extends CertificateSubject {
  id: number
  number: string
  series: string
  seq: number
  subject_key: string
  issued_at: string
  voided_at: string | null
  voided_by: string | null
  void_reason: string | null
  prints: number
}

export interface MemberChoice {
  key: string
  project_no: string
  project_name: string
  entrant_name: string
  members: string[]
  chosen: string[] | null
  needs_choice: boolean
}

/** A printed text with characters the embedded font lacks (they would print blank). */
export interface GlyphGap {
  whose: string
  field: string
  text: string
  missing: string
  message: string
}

export interface CertificatesOverview {
  template: CertificateTemplate
  certificates: Certificate[]
  subjects: CertificateSubject[]
  waiting: MemberChoice[]
  member_choices: MemberChoice[]
  orphans: Certificate[]
  glyph_gaps: GlyphGap[]
  warnings: string[]
  frozen: boolean
}

export interface WriteResult {
  written: { batch: string; batch_bytes: number; files: string[]; removed: string[]; certificates: number }
  new_numbers: string[]
  register: string
}

export const certificatesOverview = () => call<CertificatesOverview>('certificates_overview')
export const certificateTemplateSave = (template: CertificateTemplate) => call<CertificateTemplate>('certificate_template_save', { template })
export const certificateMembersSet = (entry: string, names: string[], decidedBy: string) =>
  call<null>('certificate_members_set', { entry, names, decidedBy })
/** Issues numbers and writes 证书-全部.pdf, one PDF per certificate and 证书登记表.xlsx into `dir`. */
export const certificatesWrite = (dir: string, printedBy: string) => call<WriteResult>('certificates_write', { dir, printedBy })
export const certificateVoid = (number: string, reason: string, voidedBy: string) => call<Certificate>('certificate_void', { number, reason, voidedBy })
export const certificateReprint = (number: string, path: string, printedBy: string) => call<string>('certificate_reprint', { number, path, printedBy })
export const certificateCalibration = (path: string) => call<string>('certificate_calibration', { path })
export const certificateRegister = (path: string) => call<string>('certificate_register', { path })
/** Opens a PDF/xlsx the app wrote in the system viewer (to print it). */
export const openPath = (path: string) => call<null>('open_path', { path })
