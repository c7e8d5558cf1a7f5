package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// tracer is the pool's pgx tracer: it counts statements (queryCounter),
// bounds waiting for a connection, and tells health how the server answers.
type tracer struct {
	queryCounter
	acquireTimeout time.Duration
	health         *health
}

type acquireCancelKey struct{}

// TraceAcquireStart bounds the wait for a connection: pgxpool acquires under
// the context returned here. TraceAcquireEnd, which pgxpool always calls,
// releases the timer.
func (t tracer) TraceAcquireStart(ctx context.Context, _ *pgxpool.Pool, _ pgxpool.TraceAcquireStartData) context.Context {
	if t.acquireTimeout <= 0 {
		return ctx
	}
	ctx, cancel := context.WithTimeout(ctx, t.acquireTimeout)
	return context.WithValue(ctx, acquireCancelKey{}, cancel)
}

func (t tracer) TraceAcquireEnd(ctx context.Context, _ *pgxpool.Pool, data pgxpool.TraceAcquireEndData) {
	if cancel, ok := ctx.Value(acquireCancelKey{}).(context.CancelFunc); ok {
		cancel()
	}
	if data.Err != nil { // success says nothing: an idle connection is handed out unasked
		t.health.observe(data.Err)
	}
}

func (t tracer) TraceQueryEnd(_ context.Context, _ *pgx.Conn, data pgx.TraceQueryEndData) {
	t.health.observe(data.Err)
}
