package stats

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// RegressClustered is [Regress] with cluster-robust standard errors: one-way
// clustered by the labels clusters[0] (Liang & Zeger 1986; Petersen 2009,
// Review of Financial Studies 22: 435-480, for firm and time effects in
// finance panels), or two-way by clusters[0] and clusters[1] (Cameron,
// Gelbach & Miller 2011, Journal of Business & Economic Statistics 29:
// 238-249; Thompson 2011). Labels are compared as strings; the rows left
// out for a NaN in y or a regressor are left out of the clusters too, and
// an empty label on a row in use is ErrClusterMissing.
//
// The small-sample conventions are those of R's sandwich::vcovCL for an lm
// (sandwich 3.0, type = "HC1", cadjust = TRUE, multi0 = FALSE):
//
//	V_C = G_C/(G_C-1) (X'X)^-1 (sum_g u_g u_g') (X'X)^-1,  u_g = sum_{i in g} e_i x_i
//	one-way:  V = (n-1)/(n-k) V_A
//	two-way:  V = (n-1)/(n-k) (V_A + V_B - V_{A∩B})
//
// where A∩B clusters the rows by the pair of labels and each term has the
// G/(G-1) of its own number of clusters (for one-way, Stata's
// vce(cluster) uses the same (n-1)/(n-k) G/(G-1)). A two-way meat can have a negative
// eigenvalue, and a variance can then be negative; when the smallest
// eigenvalue of V is below -1e-12 times its largest, V has its negative
// eigenvalues set to 0 (V = Q max(L, 0) Q', as vcovCL(fix = TRUE) does)
// and Fixed is set (the fix Cameron, Gelbach & Miller
// 2011 propose). DF = min(G) - 1 over the dimensions: t(G-1) is the
// recommendation of Cameron & Miller (2015, Journal of Human Resources 50:
// 317-372) and Stata's, and min(G) the fewer clusters of two-way; R's coeftest uses n-k unless given df, and
// crseEventStudy's crseEvent uses G. A dimension with a single cluster is
// ErrOneCluster. It panics with more than two dimensions or a label slice
// of another length than y.
func RegressClustered(y []float64, x [][]float64, names []string, clusters [][]string) (Regression, error) {
	if len(clusters) == 0 {
		panic("stats: RegressClustered: no cluster dimension")
	}
	return regress(y, x, names, clusters)
}

// clusterMeat returns the clustered meat sum_C sign_C G_C/(G_C-1)
// sum_g u_g u_g' in the centred coordinates of regress (u_g the sum over
// cluster g of e_i z_i, z_i = (1, z[r*p:(r+1)*p])), the number of
// clusters of each dimension.
func clusterMeat(res, z []float64, p int, labels [][]string) (*mat.SymDense, []int, error) {
	k := p + 1
	n := len(res)
	// Each dimension's labels as codes 0..G-1 in order of appearance; the
	// intersection's codes are those of the pairs.
	codes := make([][]int, len(labels))
	var counts []int
	for d, lv := range labels {
		index := map[string]int{}
		codes[d] = make([]int, n)
		for r, l := range lv {
			g, ok := index[l]
			if !ok {
				g = len(index)
				index[l] = g
			}
			codes[d][r] = g
		}
		if len(index) < 2 {
			return nil, nil, fmt.Errorf("cluster dimension %d: %w: every row in use is in %q", d+1, ErrOneCluster, lv[0])
		}
		counts = append(counts, len(index))
	}
	type component struct {
		codes []int
		g     int
		sign  float64
	}
	comps := []component{{codes[0], counts[0], 1}}
	if len(labels) == 2 {
		// A pair (a, b) is a*G_B + b; a table of G_A*G_B codes when
		// that is within a few times n, a map otherwise.
		pair := make([]int, n)
		np := 0
		if cells := counts[0] * counts[1]; cells <= 4*n+1024 {
			table := make([]int, cells)
			for r := range pair {
				key := codes[0][r]*counts[1] + codes[1][r]
				if table[key] == 0 {
					np++
					table[key] = np
				}
				pair[r] = table[key] - 1
			}
		} else {
			index := make(map[int]int, n)
			for r := range pair {
				key := codes[0][r]*counts[1] + codes[1][r]
				g, ok := index[key]
				if !ok {
					g = len(index)
					index[key] = g
				}
				pair[r] = g
			}
			np = len(index)
		}
		comps = append(comps, component{codes[1], counts[1], 1}, component{pair, np, -1})
	}
	acc := make([]float64, k*k)
	for _, comp := range comps {
		// u_g = sum over the rows of cluster g of e_i z_i, z_i = (1, zr).
		sums := make([]float64, comp.g*k)
		for r, g := range comp.codes {
			u := sums[g*k : (g+1)*k]
			u[0] += res[r]
			for a, v := range z[r*p : (r+1)*p] {
				u[a+1] += res[r] * v
			}
		}
		adj := comp.sign * float64(comp.g) / float64(comp.g-1)
		for g := range comp.g {
			u := sums[g*k : (g+1)*k]
			for a := range k {
				for c := a; c < k; c++ {
					acc[a*k+c] += adj * u[a] * u[c]
				}
			}
		}
	}
	meat := mat.NewSymDense(k, nil)
	for a := range k {
		for c := a; c < k; c++ {
			meat.SetSym(a, c, acc[a*k+c])
		}
	}
	return meat, counts, nil
}

// fixPSD makes a covariance matrix positive semi-definite when its
// smallest eigenvalue is below -1e-12 times its largest in magnitude, by
// setting its negative eigenvalues to 0, and reports whether it did.
func fixPSD(v *mat.SymDense) (bool, error) {
	k := v.SymmetricDim()
	var eig mat.EigenSym
	if !eig.Factorize(v, true) {
		return false, fmt.Errorf("two-way clustered covariance: eigendecomposition failed")
	}
	vals := eig.Values(nil)
	lo, hi := vals[0], vals[len(vals)-1]
	if lo >= -1e-12*max(hi, -lo) {
		return false, nil
	}
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	for i, x := range vals {
		vals[i] = max(x, 0)
	}
	var fixed mat.Dense
	fixed.Product(&vecs, mat.NewDiagDense(k, vals), vecs.T())
	v.CopySym(symmetrize(&fixed))
	return true, nil
}

// symmetrize returns (m + m')/2 of a square matrix.
func symmetrize(m *mat.Dense) *mat.SymDense {
	k, _ := m.Dims()
	s := mat.NewSymDense(k, nil)
	for a := range k {
		for b := a; b < k; b++ {
			s.SetSym(a, b, (m.At(a, b)+m.At(b, a))/2)
		}
	}
	return s
}
