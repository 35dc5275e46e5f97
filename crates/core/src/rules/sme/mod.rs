//! 《中小企业划型标准规定》(工信部联企业〔2011〕300号) — the data and logic behind rule R05
//! (SPEC §3, DOMAIN §1).
//!
//! - The threshold table is versioned data (`sme_table.json`, embedded), parsed once: [`table`].
//!   A revised table can be parsed with [`SmeTable::from_json`] and used the same way.
//! - [`industry_group`] maps free industry text (GB/T 4754-2017 门类/大类 names and codes, or common
//!   wording) to one of the 16 industry groups, to "not covered by the standard", or to "ambiguous".
//! - [`classify`] sizes an enterprise: 大型 / 中型 / 小型 / 微型, "SME but class undetermined" when a
//!   missing indicator leaves the class open, or "cannot decide". It never defaults a missing
//!   indicator to SME, and always explains itself in Chinese with the numbers and thresholds used.
//!
//! Semantics (DOMAIN §1.1–1.2): "X以下" = `< X`, "X及以上" = `≥ X`. 大型 only if every listed
//! indicator reaches the 大型 bound (the SME ceiling uses 或); 中型/小型 need every listed indicator
//! to reach the lower bound (且), otherwise the enterprise drops a tier; 微型 if any is below 小型.
//!
//! Two parts: `size` (the table and the classification by size) and `industry` (free industry text
//! to an industry group).
mod industry;
mod size;

pub use industry::*;
pub use size::*;

#[cfg(test)]
mod tests;
