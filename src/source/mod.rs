//! The source formats exactly as users write them: serde types with
//! `deny_unknown_fields`, no defaults resolved, no cross-checks. The
//! `validate` stage turns them into the model.

pub mod config;
pub mod date;
pub mod method;
pub mod quant;
pub mod register;
pub mod text;

pub use config::{RawFramework, RawSiteConfig};
pub use register::RawRegister;
