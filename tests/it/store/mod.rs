//! The store on temporary databases: rules, roles and scopes, metrics, rollups, sync, demo data,
//! and bad files. Tests that read a translated text hold `lang_lock(Lang::En)`.

mod bad_files;
mod bad_templates;
mod store_demo;
mod store_handover;
mod store_metrics;
mod store_open;
mod store_ownership;
mod store_people;
mod store_pinyin;
mod store_roles;
mod store_rollups;
mod store_rules;
mod store_scorecards;
mod store_sync;
mod store_windows;
