package api

import (
	"github.com/danielgtaylor/huma/v2"

	"github.com/planwerk/planwerk/internal/domain"
)

// Texts of a request are checked as the pages check a form (server's
// domain.IsText): UTF-8 without control characters other than tab and line
// breaks. JSON can carry them escaped (\u0000), and the database refuses
// some of them: the caller is told, rather than getting a 500.

// Resolve refuses control characters in the patch's texts (huma calls it
// after the body was parsed and validated).
func (p *ImplementationPatch) Resolve(_ huma.Context, prefix *huma.PathBuffer) []error {
	fields := map[string]*string{"relevance_note": p.RelevanceNote, "status_note": p.StatusNote,
		"responsible_org": p.ResponsibleOrg}
	if p.Contact != nil {
		fields["contact.value"] = &p.Contact.Value
	}
	return textErrors(prefix, fields)
}

// Resolve refuses control characters in a progress report.
func (r *ReportBody) Resolve(_ huma.Context, prefix *huma.PathBuffer) []error {
	return textErrors(prefix, map[string]*string{"body": &r.Body})
}

func textErrors(prefix *huma.PathBuffer, fields map[string]*string) []error {
	var errs []error
	for name, v := range fields {
		if v != nil && !domain.IsText(*v) {
			errs = append(errs, &huma.ErrorDetail{Location: prefix.With(name),
				Message: msg.control, Value: nil})
		}
	}
	return errs
}
