package report

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// ManifestName is the file, beside summary.json, that lists the files of the
// run that wrote the output directory.
const ManifestName = "manifest.json"

// Temporary files are named tempPrefix + NAME + ".RANDOM" + tempSuffix, in
// the directory of NAME; journalName lists the files of a run in progress.
const (
	tempPrefix  = ".eventstudy-"
	tempSuffix  = ".tmp"
	journalName = ".eventstudy-journal"
)

// ErrInterrupted is returned by writes after Abort.
var ErrInterrupted = errors.New("interrupted")

// Manifest is manifest.json. A run first replaces it with one that says
// Complete false and lists in Earlier the files of earlier runs still in
// the directory, and writes it with Complete true and its Files last,
// once every file is in place and the files of earlier runs it did not
// write are removed. So a directory whose manifest says complete holds
// exactly the files listed, as listed; one that says incomplete holds a run
// that was interrupted, and the next run cleans it up.
type Manifest struct {
	Tool     string         `json:"tool"`
	Version  string         `json:"version"`
	Complete bool           `json:"complete"`
	Files    []ManifestFile `json:"files"`
	Earlier  []ManifestFile `json:"earlier,omitempty"`
}

// ManifestFile is a file of a run: its path relative to the output
// directory (with '/'), size and SHA-256 (unknown, zero and "", for a file
// of an interrupted run).
type ManifestFile struct {
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Outputs records the files a run writes into its output directory, so
// that the directory holds exactly one run: Begin marks the directory's
// manifest incomplete, each file is written through Outputs, and Finish
// removes the files an earlier run wrote and this one did not, then writes
// the complete manifest. Files the tool did not write (not in a manifest)
// are never touched. Writes may run concurrently.
type Outputs struct {
	dir     string
	version string
	keep    map[string]bool // absolute paths never removed: this run's inputs

	mu      sync.Mutex
	earlier map[string]ManifestFile // files of earlier runs, by path
	files   map[string]ManifestFile // files of this run
	temps   map[string]bool         // temporary files being written
	journal *os.File
	aborted bool
}

// Begin prepares dir (created if needed) for a run of the given version:
// it removes the temporary files an interrupted run left, notes the files
// of earlier runs from the manifest (and the journal of an interrupted
// run), and marks the directory incomplete. keep names files that are never
// removed even if an earlier run wrote them (the run's inputs, such as the
// demo's input/ files read by a rerun into the same directory).
func Begin(dir, version string, keep ...string) (*Outputs, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	o := &Outputs{dir: dir, version: version, keep: map[string]bool{}, earlier: map[string]ManifestFile{},
		files: map[string]ManifestFile{}, temps: map[string]bool{}}
	for _, k := range keep {
		if abs, err := filepath.Abs(k); err == nil {
			o.keep[abs] = true
		}
	}
	old, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	if old != nil {
		for _, f := range slices.Concat(old.Files, old.Earlier) {
			o.earlier[f.Path] = f
		}
		if !old.Complete {
			// The files an interrupted run wrote.
			b, err := os.ReadFile(filepath.Join(dir, journalName))
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("output directory: %w", err)
			}
			for p := range strings.Lines(string(b)) {
				if p = strings.TrimSuffix(p, "\n"); p != "" {
					// Maybe rewritten: its content is unknown.
					o.earlier[p] = ManifestFile{Path: p}
				}
			}
		}
	}
	o.removeTemps()
	if err := o.writeManifest(false); err != nil {
		return nil, err
	}
	o.journal, err = os.OpenFile(filepath.Join(dir, journalName), os.O_WRONLY|os.O_CREATE|os.O_TRUNC|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	return o, nil
}

// Dir is the output directory.
func (o *Outputs) Dir() string { return o.dir }

// maxManifest bounds a manifest.json read back: 64 MiB, some 400,000
// files of about 150 bytes an entry, far more than a run writes (its
// tables, a chart or three per window and group). The file lies in a
// directory anyone may have filled; it was read whole.
const maxManifest = 64 << 20

// readManifest reads dir's manifest; nil if there is none. A manifest.json
// that eventstudy did not write is an error: the directory is someone
// else's.
func readManifest(dir string) (*Manifest, error) {
	path := filepath.Join(dir, ManifestName)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxManifest+1))
	if err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	if len(b) > maxManifest {
		return nil, fmt.Errorf("output directory: %s is larger than %d bytes, more than eventstudy writes: choose another directory", path, maxManifest)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Tool != "eventstudy" {
		return nil, fmt.Errorf("output directory: %s was not written by eventstudy: choose another directory", path)
	}
	return &m, nil
}

// writeManifest replaces the manifest: complete with this run's files, or
// incomplete with the files of earlier runs.
func (o *Outputs) writeManifest(complete bool) error {
	m := Manifest{Tool: "eventstudy", Version: o.version, Complete: complete, Files: []ManifestFile{}}
	if complete {
		for _, f := range o.files {
			m.Files = append(m.Files, f)
		}
		slices.SortFunc(m.Files, func(a, b ManifestFile) int { return strings.Compare(a.Path, b.Path) })
	} else {
		for _, f := range o.earlier {
			m.Earlier = append(m.Earlier, f)
		}
		slices.SortFunc(m.Earlier, func(a, b ManifestFile) int { return strings.Compare(a.Path, b.Path) })
	}
	return WriteFileAtomic(filepath.Join(o.dir, ManifestName), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
}

// removeTemps removes the temporary files of interrupted runs from the
// directories the tool writes: dir, charts/, input/, groups/ and below,
// and those of the files of earlier runs.
func (o *Outputs) removeTemps() {
	dirs := map[string]bool{".": true, "charts": true, "input": true}
	for p := range o.earlier {
		dirs[filepath.Dir(filepath.FromSlash(p))] = true
	}
	groups := filepath.Join(o.dir, "groups")
	if fi, err := os.Lstat(groups); err == nil && fi.IsDir() {
		filepath.WalkDir(groups, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				if rel, err := filepath.Rel(o.dir, path); err == nil {
					dirs[rel] = true
				}
			}
			return nil
		})
	}
	for d := range dirs {
		if !o.inside(d) {
			continue
		}
		entries, _ := os.ReadDir(filepath.Join(o.dir, d))
		for _, e := range entries {
			n := e.Name()
			if e.Type().IsRegular() && strings.HasPrefix(n, tempPrefix) && strings.HasSuffix(n, tempSuffix) {
				os.Remove(filepath.Join(o.dir, d, n))
			}
		}
	}
}

// inside reports whether rel (a path relative to dir) is local and reached
// without following a symbolic link: its directories are directories.
func (o *Outputs) inside(rel string) bool {
	if !filepath.IsLocal(rel) {
		return false
	}
	p := o.dir
	for part := range strings.SplitSeq(filepath.Clean(rel), string(filepath.Separator)) {
		if part == "." {
			continue
		}
		p = filepath.Join(p, part)
		fi, err := os.Lstat(p)
		if err != nil || !fi.IsDir() {
			return false
		}
	}
	return true
}

// Write writes path (inside the output directory, its directory created
// if needed) atomically through fn and records it; with no Outputs it is
// WriteFileAtomic.
func (o *Outputs) Write(path string, fn func(io.Writer) error) error {
	if o == nil {
		return WriteFileAtomic(path, fn)
	}
	rel, err := filepath.Rel(o.dir, path)
	if err != nil || !filepath.IsLocal(rel) {
		panic("report: " + path + " is not inside " + o.dir)
	}
	slash := filepath.ToSlash(rel)
	if slash == ManifestName || slash == journalName {
		panic("report: " + path + " is the manifest")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	var f ManifestFile
	err = writeAtomic(path, func(w io.Writer) error {
		h := sha256.New()
		cw := &countWriter{w: io.MultiWriter(w, h)}
		if err := fn(cw); err != nil {
			return err
		}
		f = ManifestFile{Path: slash, Bytes: cw.n, SHA256: hex.EncodeToString(h.Sum(nil))}
		return nil
	}, o.createTemp, o.forget, func(tmp string) error {
		// Before the rename, so that the file is known to the next run
		// if this one is killed.
		o.mu.Lock()
		defer o.mu.Unlock()
		if o.aborted {
			return ErrInterrupted
		}
		if _, err := o.journal.WriteString(slash + "\n"); err != nil {
			return err
		}
		o.files[slash] = f
		return nil
	})
	return err
}

// createTemp makes a temporary file and registers it, or refuses after
// Abort: under the lock, so that Abort removes every temporary file made.
func (o *Outputs) createTemp(dir, pattern string) (*os.File, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.aborted {
		return nil, ErrInterrupted
	}
	f, err := os.CreateTemp(dir, pattern)
	if err == nil {
		o.temps[f.Name()] = true
	}
	return f, err
}

// forget unregisters a temporary file that is renamed or removed.
func (o *Outputs) forget(tmp string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.temps, tmp)
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Abort removes the temporary files being written and refuses further
// writes; the directory stays marked incomplete, for the next run to clean
// up. It is for a signal handler.
func (o *Outputs) Abort() {
	if o == nil {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.aborted = true
	for tmp := range o.temps {
		os.Remove(tmp)
	}
}

// Finish removes the files that earlier runs wrote and this one did not
// (regular files inside the directory only, reached without following a
// link, still as the manifest describes them, never one of keep), then the
// directories left empty by that, and writes the complete manifest.
func (o *Outputs) Finish() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.aborted {
		return ErrInterrupted
	}
	var stale []string
	for p := range o.earlier {
		if _, ok := o.files[p]; !ok {
			stale = append(stale, p)
		}
	}
	// Deepest first, so that directories empty out before they are tried.
	slices.SortFunc(stale, func(a, b string) int {
		return cmpDepth(b, a)
	})
	for _, p := range stale {
		rel := filepath.FromSlash(p)
		if p == ManifestName || p == journalName || !o.inside(filepath.Dir(rel)) {
			continue
		}
		path := filepath.Join(o.dir, rel)
		if abs, err := filepath.Abs(path); err == nil && o.keep[abs] {
			continue
		}
		fi, err := os.Lstat(path)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if f := o.earlier[p]; f.SHA256 != "" && !sameContent(path, fi.Size(), f) {
			continue // changed since the tool wrote it: someone else's now
		}
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("cannot remove %s of an earlier run: %w", path, err)
		}
		// Directories the tool made for it (charts/, groups/NAME/charts,
		// groups/NAME, groups/), if now empty.
		for d := filepath.Dir(rel); d != "."; d = filepath.Dir(d) {
			if os.Remove(filepath.Join(o.dir, d)) != nil {
				break
			}
		}
	}
	o.earlier = nil
	if err := o.writeManifest(true); err != nil {
		return err
	}
	syncDir(o.dir)
	o.journal.Close()
	os.Remove(filepath.Join(o.dir, journalName))
	return nil
}

// sameContent reports whether the file at path of size n is f.
func sameContent(path string, n int64, f ManifestFile) bool {
	if n != f.Bytes {
		return false
	}
	r, err := os.Open(path)
	if err != nil {
		return false
	}
	defer r.Close()
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)) == f.SHA256
}

func cmpDepth(a, b string) int {
	if c := strings.Count(a, "/") - strings.Count(b, "/"); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// writeAtomic writes path through a temporary file in its directory:
// fn fills it, it is synced to disk, before(tmp) may refuse it, and it is
// renamed into place and the directory synced. create makes the temporary
// file (os.CreateTemp if nil), forget(tmp) is called once it is renamed or
// removed.
func writeAtomic(path string, fn func(io.Writer) error, create func(dir, pattern string) (*os.File, error), forget func(tmp string), before func(tmp string) error) (err error) {
	if create == nil {
		create = os.CreateTemp
	}
	tmp, err := create(filepath.Dir(path), tempPrefix+filepath.Base(path)+".*"+tempSuffix)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if forget != nil {
		defer forget(tmp.Name())
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err := fn(bw); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if before != nil {
		if err := before(tmp.Name()); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// syncDir makes a rename in dir durable where the system allows it
// (not on Windows, where a directory cannot be synced).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
