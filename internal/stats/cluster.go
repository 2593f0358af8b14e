package stats

import (
	"fmt"
	"strconv"

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
	type component struct {
		labels []string
		sign   float64
	}
	comps := []component{{labels[0], 1}}
	if len(labels) == 2 {
		pair := make([]string, n)
		for r := range pair {
			// The length prefix keeps ("a_b", "c") apart from ("a", "b_c").
			pair[r] = strconv.Itoa(len(labels[0][r])) + ":" + labels[0][r] + labels[1][r]
		}
		comps = append(comps, component{labels[1], 1}, component{pair, -1})
	}
	meat := mat.NewSymDense(k, nil)
	var counts []int
	zi := make([]float64, k)
	zi[0] = 1
	for c, comp := range comps {
		index := map[string]int{}
		var sums [][]float64
		for r, lv := range comp.labels {
			g, ok := index[lv]
			if !ok {
				g = len(sums)
				index[lv] = g
				sums = append(sums, make([]float64, k))
			}
			copy(zi[1:], z[r*p:(r+1)*p])
			for a := range k {
				sums[g][a] += res[r] * zi[a]
			}
		}
		nc := len(sums)
		if c < len(labels) {
			if nc < 2 {
				return nil, nil, fmt.Errorf("cluster dimension %d: %w: every row in use is in %q", c+1, ErrOneCluster, comp.labels[0])
			}
			counts = append(counts, nc)
		}
		adj := comp.sign * float64(nc) / float64(nc-1)
		for _, u := range sums {
			meat.SymRankOne(meat, adj, mat.NewVecDense(k, u))
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
