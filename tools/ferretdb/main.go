// Command accord-testdb serves a throwaway MongoDB-compatible database for Accord's tests.
//
// It embeds FerretDB 1.x with its SQLite backend: pure Go, built from the Go module proxy, so the
// tests need no mongod download. FerretDB's own command is not used because `go install` of it
// panics without the version file its release build generates.
//
// Usage: accord-testdb -listen 127.0.0.1:0 -dir /tmp/somedir
//
// Once it accepts connections it prints one line, `ready mongodb://HOST:PORT/`, on stdout, so a
// caller that asked for port 0 learns the port the kernel chose. It stops on SIGINT or SIGTERM and,
// with -exit-on-stdin-eof, when its parent closes stdin (a crashed test runner leaves no orphan).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on; port 0 picks a free port")
	dir := flag.String("dir", "", "directory for the SQLite files (created if missing)")
	// FerretDB logs every refused command at warn level, with a full dump of the reply.
	logLevel := flag.String("log-level", "error", "debug, info, warn or error")
	exitOnStdinEOF := flag.Bool("exit-on-stdin-eof", false, "stop when stdin is closed")
	flag.Parse()

	if err := run(*listen, *dir, *logLevel, *exitOnStdinEOF); err != nil {
		fmt.Fprintln(os.Stderr, "accord-testdb:", err)
		os.Exit(1)
	}
}

func run(listen, dir, logLevel string, exitOnStdinEOF bool) error {
	if dir == "" {
		return fmt.Errorf("-dir is required")
	}

	// A throwaway database without authentication must never be reachable from outside the machine.
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return fmt.Errorf("bad -listen: %w", err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("-listen %s is not a loopback address", listen)
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("bad -log-level: %w", err)
	}

	// The SQLite backend refuses a directory that does not exist.
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err = os.MkdirAll(abs, 0o700); err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if exitOnStdinEOF {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	// One SQLite file per database inside abs; the URL must end with a slash to name a directory.
	sqliteURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs) + "/"}).String()

	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: listen},
		Handler:  "sqlite",
		// FerretDB logs every connection at info level; tests want quiet output.
		Logger:    slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})),
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		return err
	}

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	// New has already bound the socket, so this address is final and connections are queued.
	fmt.Printf("ready %s\n", f.MongoDBURI())

	return <-done
}
