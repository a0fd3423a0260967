// Command sfnmem serves an in-memory Step Functions engine over HTTP, so
// clients in any language (the AWS CLI, the JavaScript SDK, boto3) can use
// it as their Step Functions endpoint.
//
// Usage:
//
//	sfnmem [-addr 127.0.0.1:8083] [-region us-east-1] [-account 123456789012]
//
// It prints "listening on http://<addr>" once the port is bound, logs every
// call (operation, status, error code, duration) with log/slog, and shuts
// down cleanly on SIGINT or SIGTERM. The engine runs on the real clock and
// has no task handlers: a Task state fails unless it waits for a task token
// (.waitForTaskToken), which clients complete with SendTaskSuccess.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/sfnhttp"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sfnmem:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done, then shuts the server down gracefully.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("sfnmem", flag.ContinueOnError)
	fs.SetOutput(stdout)
	addr := fs.String("addr", "127.0.0.1:8083", "address to listen on (port 0 picks a free port)")
	region := fs.String("region", "us-east-1", "Region in the ARNs the engine builds")
	account := fs.String("account", "123456789012", "account id in the ARNs the engine builds")
	grace := fs.Duration("shutdown-timeout", 5*time.Second, "how long to wait for in-flight calls on shutdown")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}

	logger := slog.New(slog.NewTextHandler(stdout, nil))
	e := sfnmem.New(sfnmem.WithRegion(*region), sfnmem.WithAccount(*account), sfnmem.WithExternalCallbacks())
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())
	logger.Info("serving", "region", *region, "account", *account, "operations", strings.Join(sfnhttp.Operations(e), ","))

	srv := &http.Server{Handler: logCalls(logger, sfnhttp.NewHandler(e)), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), *grace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// logCalls logs each call's operation, status, error code and duration.
func logCalls(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		attrs := []any{
			"operation", strings.TrimPrefix(r.Header.Get("X-Amz-Target"), sfnhttp.TargetPrefix),
			"status", rec.status,
			"duration", time.Since(start),
		}
		if code := w.Header().Get("X-Amzn-Errortype"); code != "" {
			attrs = append(attrs, "error", code)
		}
		logger.Info("call", attrs...)
	})
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}
