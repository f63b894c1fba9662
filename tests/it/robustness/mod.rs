//! Nothing a user does loses or corrupts data: each module performs one family of attacks a
//! careless or hostile user made on the product and checks it is refused or harmless.

mod briefcase;
mod dates;
mod files;
mod ids;
mod inputs;
mod migrations;
mod money;
mod open;
mod output;
mod people;
mod scopes;
mod server;
mod settings;
mod sync;
mod sync_rights;
mod tui_identity;
mod waiting;
