// 评审 → 手机评分 (issue #13, docs/LAN.md): the window ↔ shell contract for the LAN scoring server.
// Mirrors src-tauri/src/commands/lan.rs and crates/core/src/judging/lan.rs.
import { call } from './index'
import type { Round as RoundCode } from './gen/Round'
export type { LanView } from './gen/LanView'
export type { LanState } from './gen/LanState'
export type { LanProgress } from './gen/LanProgress'
export type { TokenInfo } from './gen/TokenInfo'
export type { QrMatrix } from './gen/QrMatrix'

/** This laptop's LAN addresses, then 127.0.0.1. */
export const lanAddresses = () => call('lan_addresses')
export const lanStatus = (roundCode: RoundCode) => call('lan_status', { roundCode })
/** Opens the round's phone scoring at "ADDR:PORT" (port 0: any free one). */
export const lanOpen = (roundCode: RoundCode, bind: string) => call('lan_open', { roundCode, bind })
export const lanRevoke = (roundCode: RoundCode, judge: string) => call('lan_revoke', { roundCode, judge })
export const lanClose = (roundCode: RoundCode) => call('lan_close', { roundCode })
export const lanQr = (text: string) => call('lan_qr', { text })
