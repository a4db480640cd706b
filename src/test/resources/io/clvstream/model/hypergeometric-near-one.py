# Reference values for HypergeometricAccuracyTest where the defining series is too slow to sum in BigDecimal
# (z > 0.99): mpmath's hyp2f1 at 50 significant digits, an implementation independent of Hypergeometric.
# Regenerate with: python3 hypergeometric-near-one.py > hypergeometric-near-one.csv   (mpmath 1.3.0)
import mpmath as mp

mp.mp.dps = 50
R, B = 0.243, 2.426  # CDNOW BG/NBD r and b; the scale alpha does not enter the 2F1's parameters
print("a,b,c,z,value")
for aa in ("0.793", "0.999999", "1.000001"):
    for x in (0, 1, 2, 3, 5, 8, 10, 15, 20, 30, 50, 75, 100, 150, 200):
        # the doubles BgNbdScorer passes: a+b-1-r, a-1, a+b+x-1, each rounded as Java rounds it
        a = float(aa)
        pa, pb, pc = a + B - 1 - R, a - 1, a + B + x - 1
        for z in (0.995, 0.999, 0.9999, 0.99999, 0.999999):
            v = mp.hyp2f1(mp.mpf(pa), mp.mpf(pb), mp.mpf(pc), mp.mpf(z))
            print("%r,%r,%r,%r,%s" % (pa, pb, pc, z, mp.nstr(v, 25)))
