//go:build unix

package report

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestWriteUserFile: --out of validate-tests and regress named a pipe (or
// /dev/null): the rename of the atomic write replaced the node with a
// regular file (found by scripts/hostile.sh; as root, /dev/null itself).
// It is written to in place; a link to a file is written through and
// stays a link; a directory is refused.
func TestWriteUserFile(t *testing.T) {
	dir := t.TempDir()
	hello := func(w io.Writer) error { _, err := io.WriteString(w, "hello\n"); return err }

	pipe := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(pipe)
		got <- string(b)
	}()
	if err := WriteUserFile(pipe, hello); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != "hello\n" {
			t.Errorf("read %q from the pipe, want hello", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing read from the pipe")
	}
	if fi, err := os.Lstat(pipe); err != nil || fi.Mode().Type() != os.ModeNamedPipe {
		t.Errorf("the pipe is now %v (%v)", fi.Mode(), err)
	}

	target, link := filepath.Join(dir, "target.md"), filepath.Join(dir, "link.md")
	if err := os.WriteFile(target, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("target.md", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteUserFile(link, hello); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "hello\n" {
		t.Errorf("target holds %q, want hello", b)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode().Type() != os.ModeSymlink {
		t.Errorf("the link is now %v (%v)", fi.Mode(), err)
	}

	if err := WriteUserFile(dir, hello); err == nil || !strings.HasSuffix(err.Error(), ": is a directory") {
		t.Errorf("a directory: %v", err)
	}
	fresh := filepath.Join(dir, "new.md")
	if err := WriteUserFile(fresh, hello); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(fresh); string(b) != "hello\n" {
		t.Errorf("new file holds %q", b)
	}
}
