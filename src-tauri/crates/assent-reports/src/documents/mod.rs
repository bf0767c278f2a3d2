//! The documents: which module makes each one, and in which formats.

mod aup;
mod certificate;
mod consent;
mod consent_letters;
mod family;
mod incidents;
mod letters;
mod output;
mod selection;

use assent_core::Store;

use crate::{Error, Format, Options, Output, Report};

pub(crate) fn generate(
    store: &Store,
    report: &Report,
    options: &Options,
    format: Format,
) -> Result<Output, Error> {
    if format == Format::Csv
        && matches!(
            report,
            Report::ChaseLetters
                | Report::ConsentLetters
                | Report::Certificate { .. }
                | Report::IncidentsSummary { .. }
                | Report::IncidentsForHead { .. }
        )
    {
        return Err(Error::PdfOnly {
            document: report.name().to_owned(),
        });
    }
    match report {
        Report::ConsentRegister => consent::register(store, options, format),
        Report::DoNotPhotograph => consent::do_not_photograph(store, options, format),
        Report::AupRegister => aup::register(store, options, format),
        Report::Outstanding => aup::outstanding(store, options, format),
        Report::ChaseLetters => letters::chase_letters(store, options),
        Report::ConsentLetters => consent_letters::consent_letters(store, options),
        Report::Certificate { agreement_id } => {
            certificate::certificate(store, agreement_id, options)
        }
        Report::IncidentsSummary { from, to } => {
            incidents::summary(store, from, to, false, options)
        }
        Report::IncidentsForHead { from, to } => incidents::summary(store, from, to, true, options),
    }
}
