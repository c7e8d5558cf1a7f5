package domain

import (
	"errors"
	"time"
)

// Form field names of a progress report.
const (
	FieldReportedOn = "reported_on"
	FieldReportBody = "report_body"
)

// NewProgressReport is a progress report (Sachstandsmeldung) to record: the
// day it describes and what it says. The implementation's status and
// progress at this moment are recorded with it.
type NewProgressReport struct {
	ReportedOn time.Time // a date; the zero time means none was given
	Body       string
}

// Check cleans the report and checks it: a date not after today (the
// calendar day where the users live), a text within MaxProgressReportLen.
// All problems are reported at once.
func (r NewProgressReport) Check(today time.Time) (NewProgressReport, error) {
	var errs []error
	r.Body = CleanText(r.Body)
	switch {
	case r.ReportedOn.IsZero():
		errs = append(errs, Keyed(CodeInvalid, FieldReportedOn, "implementation.error.reportDate",
			"Bitte geben Sie das Datum der Meldung an."))
	case r.ReportedOn.After(dateOf(today)):
		errs = append(errs, Keyed(CodeInvalid, FieldReportedOn, "implementation.error.reportFuture",
			"Eine Sachstandsmeldung darf nicht in der Zukunft datiert sein."))
	}
	switch {
	case r.Body == "":
		errs = append(errs, Keyed(CodeInvalid, FieldReportBody, "implementation.error.reportMissing",
			"Bitte beschreiben Sie den Sachstand."))
	case TooLong(r.Body, MaxProgressReportLen):
		errs = append(errs, Keyed(CodeInvalid, FieldReportBody, "implementation.error.reportTooLong",
			"Die Meldung darf höchstens 5000 Zeichen lang sein. Bitte kürzen Sie sie."))
	}
	return r, errors.Join(errs...)
}
