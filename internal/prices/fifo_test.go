//go:build unix

package prices

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestLoadDirNotRegular: a named pipe in a directory of prices hung the
// run (found by scripts/hostile.sh); it is refused, and so is a symbolic
// link to one, while a link to a regular file is read.
func TestLoadDirNotRegular(t *testing.T) {
	dir := t.TempDir()
	csv := "date,close\n2020-01-02,10\n2020-01-03,11\n"
	if err := os.WriteFile(filepath.Join(dir, "real.txt"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.txt", filepath.Join(dir, "AAA.csv")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	all, err := Load(dir)
	if err != nil || len(all) != 1 || all[0].Ticker != "AAA" {
		t.Fatalf("link to a file: %v, %v; want series AAA", all, err)
	}
	fifo := filepath.Join(dir, "BBB.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := Load(dir); done <- err }()
	select {
	case err := <-done:
		want := fifo + ": not a regular file (p---------): a directory of prices holds files"
		if err == nil || err.Error() != want {
			t.Errorf("got %v\nwant %s", err, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Load blocked on a named pipe")
	}
}
