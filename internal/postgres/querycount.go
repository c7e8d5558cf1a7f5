package postgres

import (
	"context"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// QueryCount counts the SQL statements run on behalf of one context. The
// benchmarks and tests use it to hold pages to a constant number of queries.
type QueryCount struct{ n atomic.Int64 }

// N is the number of statements counted so far.
func (q *QueryCount) N() int64 { return q.n.Load() }

type queryCountKey struct{}

// CountQueries returns a context under which every statement is counted in the
// returned QueryCount.
func CountQueries(ctx context.Context) (context.Context, *QueryCount) {
	q := &QueryCount{}
	return context.WithValue(ctx, queryCountKey{}, q), q
}

// queryCounter is a pgx tracer; it costs one context lookup per statement.
type queryCounter struct{}

func (queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	if q, ok := ctx.Value(queryCountKey{}).(*QueryCount); ok {
		q.n.Add(1)
	}
	return ctx
}

func (queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}
