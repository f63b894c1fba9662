//! Deals (商机) and payments (回款) from a spreadsheet. A deal keeps the rules of one opened
//! by hand: a won one has a date and an amount, a lost one a reason (输单 and 无效 are their
//! own reason when the file gives none). A payment goes on a won deal of its customer (named,
//! or the customer's only won deal), never before the win and never past the amount, counting
//! what the file itself adds. A deal the customer has already (same title) is skipped.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::{CustomersByName, ImportOptions, ImportReport, People, Problems, required_text};
use crate::domain::date_input::{self, parse_date};
use crate::domain::sheet::{Row, Table, values};
use crate::domain::{DealStage, FieldError, Money, Reason, ids, names};
use crate::store::policy::Write;
use crate::store::{Actor, Result, Store, StoreError, audit};

struct NewDeal {
    customer_id: String,
    owner_id: String,
    title: String,
    stage: DealStage,
    amount: Option<Money>,
    cost: Option<Money>,
    product_line: Option<String>,
    opened_on: NaiveDate,
    won_on: Option<NaiveDate>,
    lost_reason: Option<String>,
}

/// A won deal a payment may go on: (id, title key, won on, amount, paid so far).
struct Won {
    id: String,
    title_key: String,
    won_on: NaiveDate,
    amount: i64,
    paid: i64,
}

impl Store {
    pub fn import_deals(
        &mut self,
        actor: &Actor,
        table: &Table,
        options: ImportOptions,
    ) -> Result<ImportReport> {
        actor.may(Write::ImportDeals)?;
        let people = People::load(self, false)?;
        let customers = CustomersByName::load(self)?;
        let owners = owners(self)?;
        let mut known = titles(self)?;
        let today = self.clock().today();
        let mut problems = Problems::default();
        let mut report = ImportReport::of(table, options);
        let mut rows = Vec::new();
        for row in &table.rows {
            let Some(d) = validate_deal(row, &people, &customers, &owners, today, &mut problems)
            else {
                continue;
            };
            if !known.insert((d.customer_id.clone(), names::name_key(&d.title))) {
                let customer = row.get("customer").unwrap_or_default().trim().to_string();
                report.duplicates.push((row.line, d.title, customer));
                continue;
            }
            rows.push(d);
        }
        if !report.checked(problems, rows.len())? {
            return Ok(report);
        }
        self.write(actor, |tx, ctx| {
            let mut insert = tx.prepare_cached(
                "INSERT INTO deals (id, customer_id, owner_id, title, stage, amount_cents,
                     cost_cents, product_line, opened_on, won_on, lost_reason, created_at,
                     updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)",
            )?;
            for d in &rows {
                insert.execute(rusqlite::params![
                    ids::new_id().to_string(),
                    d.customer_id,
                    d.owner_id,
                    d.title,
                    d.stage.code(),
                    d.amount.map(Money::cents),
                    d.cost.map(Money::cents),
                    d.product_line,
                    d.opened_on,
                    d.won_on,
                    d.lost_reason,
                    &ctx.now,
                    &ctx.login,
                ])?;
            }
            let detail = format!("{} deals", rows.len());
            audit::record(tx, ctx, actor, "deal.import", None, Some(&detail))
        })?;
        Ok(report)
    }

    pub fn import_payments(
        &mut self,
        actor: &Actor,
        table: &Table,
        options: ImportOptions,
    ) -> Result<ImportReport> {
        actor.may(Write::ImportPayments)?;
        let customers = CustomersByName::load(self)?;
        let mut won = won_deals(self)?;
        let today = self.clock().today();
        let mut problems = Problems::default();
        let mut report = ImportReport::of(table, options);
        let mut rows: Vec<(String, NaiveDate, Money)> = Vec::new();
        for row in &table.rows {
            let line = row.line;
            let before = problems.0.len();
            let customer = row.get("customer").unwrap_or("");
            let customer_id = problems.keep(line, customers.find(customer));
            let amount = problems.keep(
                line,
                Money::parse("amount", row.get("amount").unwrap_or("")).and_then(|m| {
                    if m.cents() > 0 {
                        Ok(m)
                    } else {
                        Err(FieldError::new(
                            "amount",
                            m.to_string(),
                            Reason::Format("more than 0"),
                        ))
                    }
                }),
            );
            let paid_on = problems.keep(
                line,
                parse_date(
                    "date",
                    &values::date(row.get("paid_on").unwrap_or("")),
                    today,
                )
                .and_then(|d| date_input::happened("date", d, today)),
            );
            let (Some(customer_id), Some(amount), Some(paid_on)) = (customer_id, amount, paid_on)
            else {
                continue;
            };
            if problems.0.len() > before {
                continue;
            }
            let deals = won.get_mut(&customer_id);
            let deal = match (deals, row.get("deal")) {
                (Some(deals), Some(title)) => {
                    let key = names::name_key(title);
                    deals.iter_mut().find(|d| d.title_key == key)
                }
                (Some(deals), None) if deals.len() == 1 => deals.first_mut(),
                _ => None,
            };
            let Some(deal) = deal else {
                problems.add(
                    line,
                    StoreError::rule(
                        "error.import_no_won_deal",
                        &[
                            ("customer", &customer.trim()),
                            ("deal", &row.get("deal").unwrap_or("—")),
                        ],
                    ),
                );
                continue;
            };
            if paid_on < deal.won_on {
                problems.add(
                    line,
                    FieldError::new("date", paid_on.to_string(), Reason::Before(deal.won_on)),
                );
                continue;
            }
            if deal.paid + amount.cents() > deal.amount {
                let left = Money::from_cents(deal.amount - deal.paid);
                problems.add(
                    line,
                    StoreError::rule(
                        "error.import_past_amount",
                        &[("amount", &amount.to_string()), ("left", &left.to_string())],
                    ),
                );
                continue;
            }
            deal.paid += amount.cents();
            rows.push((deal.id.clone(), paid_on, amount));
        }
        if !report.checked(problems, rows.len())? {
            return Ok(report);
        }
        self.write(actor, |tx, ctx| {
            let mut insert = tx.prepare_cached(
                "INSERT INTO payments (id, deal_id, paid_on, amount_cents, created_at, updated_at,
                     updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
            )?;
            for (deal, paid_on, amount) in &rows {
                insert.execute(rusqlite::params![
                    ids::new_id().to_string(),
                    deal,
                    paid_on,
                    amount.cents(),
                    &ctx.now,
                    &ctx.login,
                ])?;
            }
            let detail = format!("{} payments", rows.len());
            audit::record(tx, ctx, actor, "payment.import", None, Some(&detail))
        })?;
        Ok(report)
    }
}

/// Each live customer's owner, for a deal whose file names none.
fn owners(store: &Store) -> Result<HashMap<String, String>> {
    let mut stmt = store.conn().prepare(
        "SELECT id, owner_id FROM customers WHERE deleted_at IS NULL AND owner_id IS NOT NULL",
    )?;
    let map = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(map)
}

/// (customer, title key) of every live deal.
fn titles(store: &Store) -> Result<HashSet<(String, String)>> {
    let mut stmt = store
        .conn()
        .prepare("SELECT customer_id, title FROM deals WHERE deleted_at IS NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut set = HashSet::new();
    for row in rows {
        let (customer, title) = row?;
        set.insert((customer, names::name_key(&title)));
    }
    Ok(set)
}

/// The won deals of each customer, with what is paid on them.
fn won_deals(store: &Store) -> Result<HashMap<String, Vec<Won>>> {
    let mut stmt = store.conn().prepare(
        "SELECT d.customer_id, d.id, d.title, d.won_on, d.amount_cents,
                COALESCE((SELECT sum(p.amount_cents) FROM payments p
                          WHERE p.deal_id = d.id AND p.deleted_at IS NULL), 0)
         FROM deals d WHERE d.stage = 'won' AND d.deleted_at IS NULL ORDER BY d.won_on",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Won {
                id: r.get(1)?,
                title_key: names::name_key(&r.get::<_, String>(2)?),
                won_on: r.get(3)?,
                amount: r.get(4)?,
                paid: r.get(5)?,
            },
        ))
    })?;
    let mut map: HashMap<String, Vec<Won>> = HashMap::new();
    for row in rows {
        let (customer, won) = row?;
        map.entry(customer).or_default().push(won);
    }
    Ok(map)
}

fn validate_deal(
    row: &Row,
    people: &People,
    customers: &CustomersByName,
    owners: &HashMap<String, String>,
    today: NaiveDate,
    problems: &mut Problems,
) -> Option<NewDeal> {
    let before = problems.0.len();
    let line = row.line;
    let title = problems.keep(line, required_text("title", row.get("title").unwrap_or("")));
    let customer_id = problems.keep(line, customers.find(row.get("customer").unwrap_or("")));
    let money = |field: &'static str| row.get(field).map(|v| Money::parse(field, v)).transpose();
    let amount = problems.keep(line, money("amount"));
    let cost = problems.keep(line, money("cost"));
    let (stage, said) = match row.get("stage").map(values::deal_stage).transpose() {
        Ok(found) => found.unwrap_or((DealStage::default(), None)),
        Err(e) => {
            problems.add(line, e);
            (DealStage::default(), None)
        }
    };
    let date = |field: &'static str, v: &str| {
        parse_date(field, &values::date(v), today)
            .and_then(|d| date_input::planned(field, d, today))
    };
    let opened_on = problems.keep(
        line,
        row.get("opened_on")
            .map_or(Ok(today), |v| date("opened", v)),
    );
    let won_on = problems.keep(
        line,
        row.get("won_on")
            .filter(|_| stage == DealStage::Won)
            .map(|v| {
                parse_date("won", &values::date(v), today)
                    .and_then(|d| date_input::happened("won", d, today))
            })
            .transpose(),
    );
    let owner = match (row.get("owner"), &customer_id) {
        (Some(o), _) => problems.keep(line, people.find("owner", o)),
        (None, Some(c)) => problems.keep(
            line,
            owners.get(c).cloned().ok_or_else(|| {
                FieldError::new(
                    "owner",
                    "",
                    Reason::Format("the login or name of an active rep"),
                )
            }),
        ),
        (None, None) => None,
    };
    if stage == DealStage::Won {
        if amount.flatten().is_none() {
            problems.add(line, FieldError::new("amount", "", Reason::Empty));
        }
        if won_on.flatten().is_none() {
            problems.add(line, FieldError::new("won", "", Reason::Empty));
        }
    }
    let lost_reason = (stage == DealStage::Lost)
        .then(|| row.get("lost_reason").and_then(names::optional).or(said))
        .flatten();
    if stage == DealStage::Lost && lost_reason.is_none() {
        problems.add(line, FieldError::new("why", "", Reason::Empty));
    }
    if problems.0.len() > before {
        return None;
    }
    Some(NewDeal {
        customer_id: customer_id?,
        owner_id: owner?,
        title: title?,
        stage,
        amount: amount?,
        cost: cost?,
        product_line: row.get("product_line").and_then(names::optional),
        opened_on: opened_on?,
        won_on: won_on?,
        lost_reason,
    })
}
