# Sourced by bench/speed.sh and bench/stability.sh: ISA=avx2 on an AVX-512 machine holds every
# tool to AVX2, as an AVX2-only CPU would run it: the JVM's JIT (-XX:UseAVX=2, 16 vector
# registers), OpenBLAS (its Haswell kernels) and PyTorch (ATEN_CPU_CAPABILITY=avx2).
# Sets isa_env (environment assignments for `env`) and jvm_isa (JVM options, may be empty).
isa_env=()
jvm_isa=""
case "${ISA:-native}" in
  native) ;;
  avx2)
    isa_env=(OPENBLAS_CORETYPE=Haswell ATEN_CPU_CAPABILITY=avx2)
    jvm_isa="-XX:UseAVX=2"
    ;;
  *) echo "ISA must be native or avx2, got '$ISA'" >&2; exit 2 ;;
esac
