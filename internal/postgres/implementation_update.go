package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// UpdateImplementation applies change to the implementation key names,
// provided nobody saved a newer version since expectedVersion
// was read. The new row and its audit event are written in one transaction.
//
// On a version conflict it returns the current implementation together with a
// conflict error, so the caller can show the other person's values.
func (db *DB) UpdateImplementation(ctx context.Context, key domain.ImplementationKey, expectedVersion int, actorID *int64,
	change func(domain.Implementation) (domain.Implementation, error)) (domain.Implementation, error) {
	var result domain.Implementation
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		current, err := findImplementation(ctx, tx, key, true)
		if err != nil {
			return err
		}
		if current.Version != expectedVersion {
			result = current
			return staleVersion("error.store.stale", "implementation changed since it was read")
		}
		updated, err := change(current)
		if err != nil {
			return err
		}
		result, err = writeImplementation(ctx, tx, current, updated, actorID)
		return err
	})
	return result, translate(err, "implementation")
}

// staleVersion is the conflict of a save that started from a version someone
// else has since replaced; callers recognise it by domain.ErrStaleVersion and
// show the values stored now beside the user's input.
func staleVersion(key, message string) error {
	return &domain.Error{Code: domain.CodeConflict, Err: domain.ErrStaleVersion, Key: key, Message: message}
}

// writeImplementation stores the editable fields of updated, bumps the version
// and records what changed. Nothing is written when nothing changed.
func writeImplementation(ctx context.Context, tx pgx.Tx, current, updated domain.Implementation, actorID *int64) (domain.Implementation, error) {
	changes := domain.DiffImplementations(current, updated)
	if len(changes) == 0 {
		return current, nil
	}
	rows, _ := tx.Query(ctx, `
		UPDATE implementations i SET
			relevance = $3, relevance_note = $4, status = nullif($5, ''), status_note = $6, continuous = $7,
			progress = $8, responsible_org = $9, contact = $10, start_on = $11, due_on = $12,
			support = $13, support_request = $14, support_response = $15,
			contact_is_person = $16, contact_consent_at = $17,
			original_due_on = $18, postponements = $19, last_postponed_on = $20, postponement_reason = $21,
			relevance_decided_on = $22,
			support_requested_at = CASE WHEN $13 = 'requested' AND i.support <> 'requested' THEN now() ELSE i.support_requested_at END,
			-- A new request starts unassigned; an answer is dated.
			support_assignee_id = CASE WHEN $13 = 'requested' AND i.support <> 'requested' THEN NULL ELSE i.support_assignee_id END,
			support_answered_at = CASE WHEN $13 IN ('accepted', 'declined', 'done') AND i.support <> $13 THEN now()
				WHEN $13 = 'requested' THEN NULL ELSE i.support_answered_at END,
			version = i.version + 1, updated_at = now()
		WHERE i.organisation_id = $1 AND i.id = $2
		RETURNING `+implementationColumns,
		current.OrganisationID, current.ID,
		updated.Relevance, updated.RelevanceNote, updated.Status, updated.StatusNote, updated.Continuous,
		updated.Progress, updated.ResponsibleOrg, updated.Contact, updated.StartOn, updated.DueOn,
		updated.Support, updated.SupportRequest, updated.SupportResponse,
		updated.ContactIsPerson, updated.ContactConsentAt,
		updated.OriginalDueOn, updated.Postponements, updated.LastPostponedOn, updated.PostponementReason,
		updated.RelevanceDecidedOn)
	saved, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Implementation])
	if err != nil {
		return domain.Implementation{}, err
	}
	err = insertImplementationAudit(ctx, tx, current.OrganisationID, current.ID, auditEntry{
		ActorID: actorID, Entity: "implementation", EntityID: current.ID, Action: "update", Changes: changes,
	})
	if err != nil {
		return domain.Implementation{}, err
	}
	// Every way of answering a request (page, queue, API) passes here, so
	// the town hears of each answer.
	if p, ok := domain.SupportAnswerNotice(current, saved); ok {
		err = notifyImplementation(ctx, tx, domain.NoticeSupportAnswered, current.ID, actorID, p, false)
	}
	return saved, err
}
