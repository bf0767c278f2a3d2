//! How many agreements were current at the end of each week of this term,
//! worked out again from the append-only records, as they stood then.
//!
//! Nothing here is stored or estimated: an agreement counts from the moment
//! its last needed signature was recorded, until it was withdrawn, expired,
//! or a material change to its text was published. Who was on roll comes from
//! the dates the school keeps (admission or start, leaving, a visit's end).
//! Two things are today's, not then's: each person's year group (so which
//! agreement they sign) and the school's renewal choice; neither changes
//! within a term.

use std::collections::HashMap;

use crate::db::Conn;
use chrono::{Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::agreements::{SignerRole, renewal_cutoff, required_roles};
use crate::auth::Session;
use crate::people::{PersonKind, YearGroup};
use crate::templates::{self, TemplateKind};
use crate::terms::{Term, term_of};
use crate::{Result, school, time};

/// One group's figures on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrendCount {
    /// The group.
    pub kind: PersonKind,
    /// How many were on roll.
    pub on_roll: u32,
    /// How many of them had a current (fully signed) agreement.
    pub current: u32,
}

/// The figures at the end of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrendPoint {
    /// The day (YYYY-MM-DD); figures are as the records stood at its end (or now, for today).
    pub day: String,
    /// One entry per group with anyone on roll that day, pupils first.
    pub counts: Vec<TrendCount>,
}

/// Agreements current through this term, week by week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Trend {
    /// The term.
    pub term: Term,
    /// The first day of the term and every seventh day after it, then today;
    /// days before Assent holds any record are left out.
    pub points: Vec<TrendPoint>,
}

struct Person {
    kind: PersonKind,
    agreement: TemplateKind,
    started: Option<String>,
    left: Option<String>,
    visit_ends: Option<String>,
}

struct PastAgreement {
    version: u32,
    recorded_at: String,
    /// (role, signed at, recorded at)
    signatures: Vec<(SignerRole, String, String)>,
    withdrawn_at: Option<String>,
}

/// The days the trend has a point for: the term's first day and every seventh
/// day after it (leaving out those before Assent holds any record), and today.
pub(crate) fn days(
    term_start: NaiveDate,
    records_begin: NaiveDate,
    today: NaiveDate,
) -> Vec<NaiveDate> {
    // Weeks from the term's first day, so the points fall on the same weekday all term.
    let mut day = term_start;
    while day < records_begin {
        day = day + Days::new(7);
    }
    let mut out = Vec::new();
    while day < today {
        out.push(day);
        day = day + Days::new(7);
    }
    out.push(today);
    out
}

/// The trend for the people `session` may see, up to `today`.
pub(crate) fn trend_in(conn: &Conn, session: &Session, today: NaiveDate) -> Result<Trend> {
    let term = term_of(today);
    let people = people_in(conn, session)?;
    let agreements = agreements_in(conn)?;
    let material = material_in(conn)?;
    let annual = school::annual_agreement_renewal_in(conn)?;
    let school_created: String =
        conn.query_row("SELECT created_at FROM school WHERE id = 1", (), |r| {
            r.get(0)
        })?;
    let first_record: Option<String> =
        conn.query_row("SELECT min(recorded_at) FROM agreements", (), |r| r.get(0))?;
    // Before the school was set up in Assent there is nothing to show, unless
    // older records were brought in with it.
    let records_begin = [Some(school_created), first_record]
        .into_iter()
        .flatten()
        .filter_map(|t| time::from_stored(&t))
        .map(|t| t.with_timezone(&chrono_tz::Europe::London).date_naive())
        .min()
        .unwrap_or(today);
    let points = days(term.first_day(), records_begin, today)
        .into_iter()
        .map(|day| point(day, &people, &agreements, &material, annual))
        .collect();
    Ok(Trend { term, points })
}

fn point(
    day: NaiveDate,
    people: &HashMap<String, Person>,
    agreements: &HashMap<(String, TemplateKind), Vec<PastAgreement>>,
    material: &HashMap<TemplateKind, Vec<(u32, String)>>,
    annual: bool,
) -> TrendPoint {
    let date = day.to_string();
    // Everything recorded before the next day began in the UK.
    let until = time::london_day_start(day + Days::new(1));
    let cutoff = annual.then(|| renewal_cutoff(day).to_string());
    let mut counts: Vec<TrendCount> = PersonKind::ALL
        .iter()
        .map(|&kind| TrendCount {
            kind,
            on_roll: 0,
            current: 0,
        })
        .collect();
    for (id, p) in people {
        let on_roll = p.started.as_deref().is_none_or(|s| s <= date.as_str())
            && p.left.as_deref().is_none_or(|l| l >= date.as_str());
        if !on_roll {
            continue;
        }
        let Some(count) = counts.iter_mut().find(|c| c.kind == p.kind) else {
            continue;
        };
        count.on_roll += 1;
        let latest = agreements
            .get(&(id.clone(), p.agreement))
            .and_then(|list| list.iter().rev().find(|a| a.recorded_at < until));
        if latest.is_some_and(|a| current(a, p, &until, &date, cutoff.as_deref(), material)) {
            count.current += 1;
        }
    }
    counts.retain(|c| c.on_roll > 0);
    TrendPoint { day: date, counts }
}

/// Whether `a` was complete and in force at `until` (the end of `day`): the
/// same rules as today's status, applied to what had been recorded by then.
fn current(
    a: &PastAgreement,
    p: &Person,
    until: &str,
    day: &str,
    cutoff: Option<&str>,
    material: &HashMap<TemplateKind, Vec<(u32, String)>>,
) -> bool {
    if a.withdrawn_at.as_deref().is_some_and(|w| w < until) {
        return false;
    }
    let signed: Vec<&(SignerRole, String, String)> = a
        .signatures
        .iter()
        .filter(|s| s.2.as_str() < until)
        .collect();
    let Some(last_signed) = signed.iter().map(|s| s.1.as_str()).max() else {
        return false;
    };
    let expired = cutoff.is_some_and(|c| {
        time::from_stored(last_signed)
            .map(|t| {
                t.with_timezone(&chrono_tz::Europe::London)
                    .date_naive()
                    .to_string()
            })
            .is_some_and(|d| d.as_str() < c)
    });
    let changed_since = material.get(&p.agreement).is_some_and(|m| {
        m.iter()
            .any(|(v, at)| *v > a.version && at.as_str() < until)
    });
    let complete = required_roles(p.agreement)
        .iter()
        .all(|r| signed.iter().any(|s| s.0 == *r));
    let visit_over =
        p.kind == PersonKind::Visitor && p.visit_ends.as_deref().is_some_and(|e| e < day);
    !expired && !changed_since && complete && !visit_over
}

fn people_in(conn: &Conn, session: &Session) -> Result<HashMap<String, Person>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, year_group, class_name, coalesce(admission_date, start_date), leaving_date, end_date
         FROM people",
    )?;
    let mut rows = stmt.query(())?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let class: Option<String> = r.get(3)?;
        let kind = PersonKind::from_code(r.get_str(1)?.unwrap_or_default())?;
        // A teacher sees their own classes' pupils, and no adults.
        let visible = if kind == PersonKind::Pupil {
            session.sees_class(class.as_deref())
        } else {
            session.sees_class(None)
        };
        if !visible {
            continue;
        }
        let year: Option<String> = r.get(2)?;
        out.insert(
            r.get(0)?,
            Person {
                kind,
                agreement: templates::kind_for(
                    kind,
                    year.as_deref().and_then(YearGroup::from_code),
                ),
                started: r.get(4)?,
                left: r.get(5)?,
                visit_ends: r.get(6)?,
            },
        );
    }
    Ok(out)
}

/// Every agreement with its signatures and any withdrawal, oldest first for each person and kind.
fn agreements_in(conn: &Conn) -> Result<HashMap<(String, TemplateKind), Vec<PastAgreement>>> {
    let mut signatures: HashMap<String, Vec<(SignerRole, String, String)>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT agreement_id, role, signed_at, recorded_at FROM agreement_signatures",
    )?;
    let mut rows = stmt.query(())?;
    while let Some(r) = rows.next()? {
        let role: String = r.get(1)?;
        if let Some(role) = SignerRole::from_code(&role) {
            signatures
                .entry(r.get(0)?)
                .or_default()
                .push((role, r.get(2)?, r.get(3)?));
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.person_id, a.kind, a.version, a.recorded_at, w.withdrawn_at
         FROM agreements a LEFT JOIN agreement_withdrawals w ON w.agreement_id = a.id
         ORDER BY a.person_id, a.kind, a.recorded_at, a.id",
    )?;
    let mut out: HashMap<(String, TemplateKind), Vec<PastAgreement>> = HashMap::new();
    let mut rows = stmt.query(())?;
    while let Some(r) = rows.next()? {
        let Ok(kind) = TemplateKind::from_code(&r.get::<_, String>(2)?) else {
            continue;
        };
        let id: String = r.get(0)?;
        out.entry((r.get(1)?, kind))
            .or_default()
            .push(PastAgreement {
                version: r.get(3)?,
                recorded_at: r.get(4)?,
                signatures: signatures.remove(&id).unwrap_or_default(),
                withdrawn_at: r.get(5)?,
            });
    }
    Ok(out)
}

/// For each kind, its material versions and when each was published.
fn material_in(conn: &Conn) -> Result<HashMap<TemplateKind, Vec<(u32, String)>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, version, published_at FROM template_versions WHERE material = TRUE",
    )?;
    let mut out: HashMap<TemplateKind, Vec<(u32, String)>> = HashMap::new();
    let mut rows = stmt.query(())?;
    while let Some(r) = rows.next()? {
        if let Ok(kind) = TemplateKind::from_code(&r.get::<_, String>(0)?) {
            out.entry(kind).or_default().push((r.get(1)?, r.get(2)?));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::days;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_point_each_week_from_the_term_or_the_first_record_and_one_today() {
        let shown: Vec<String> = days(d("2026-09-01"), d("2020-01-01"), d("2026-09-20"))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            shown,
            ["2026-09-01", "2026-09-08", "2026-09-15", "2026-09-20"]
        );
        // A school set up on 10 September starts with the first week after it joined.
        let joined: Vec<String> = days(d("2026-09-01"), d("2026-09-10"), d("2026-09-20"))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(joined, ["2026-09-15", "2026-09-20"]);
        // Set up today: today alone.
        assert_eq!(
            days(d("2026-09-01"), d("2026-09-20"), d("2026-09-20")).len(),
            1
        );
        // The term's first day, when that is today.
        assert_eq!(
            days(d("2026-09-01"), d("2026-09-01"), d("2026-09-01")).len(),
            1
        );
    }
}
