// 证书 (SPEC §7): the window ↔ core contract. Mirrors src-tauri/src/commands/certificates.rs and
// crates/core/src/certificates. Calls go through `call` in ./index.ts.
import { call } from './index'
import type { SubjectKind } from './gen/SubjectKind'
import type { OverlayField } from './gen/OverlayField'
import type { CertificateTemplate } from './gen/CertificateTemplate'
import type { CertificateSubject } from './gen/CertificateSubject'
import type { Certificate } from './gen/Certificate'
import type { MemberChoice } from './gen/MemberChoice'
import type { GlyphGap } from './gen/GlyphGap'
import type { CertificatesOverview } from './gen/CertificatesOverview'
import type { WriteResult } from './gen/WriteResult'
import type { CertificatePage } from './gen/CertificatePage'
import type { PageItem } from './gen/PageItem'
import type { DateStyle } from './gen/DateStyle'

export type { SubjectKind, OverlayField, CertificateTemplate, CertificateSubject, Certificate, MemberChoice, GlyphGap, CertificatesOverview, WriteResult }
export type { CertificatePage, PageItem, DateStyle }


export const certificatesOverview = () => call('certificates_overview')
export const certificateTemplateSave = (template: CertificateTemplate) => call('certificate_template_save', { template })
/** The laid-out page (the same one the PDF draws) of `subject` under the template being edited. */
export const certificatePreview = (template: CertificateTemplate, subject: CertificateSubject, number: string | null) =>
  call('certificate_preview', { template, subject, number })
export const certificateMembersSet = (entry: string, names: string[], decidedBy: string) =>
  call('certificate_members_set', { entry, names, decidedBy })
/** Issues numbers and writes 证书-全部.pdf, one PDF per certificate and 证书登记表.xlsx into `dir`. */
export const certificatesWrite = (dir: string, printedBy: string) => call('certificates_write', { dir, printedBy })
export const certificateVoid = (number: string, reason: string, voidedBy: string) => call('certificate_void', { number, reason, voidedBy })
export const certificateReprint = (number: string, path: string, printedBy: string) => call('certificate_reprint', { number, path, printedBy })
export const certificateCalibration = (path: string) => call('certificate_calibration', { path })
export const certificateRegister = (path: string) => call('certificate_register', { path })
/** Opens a PDF/xlsx the app wrote in the system viewer (to print it). */
export const openPath = (path: string) => call('open_path', { path })
