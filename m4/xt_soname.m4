# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
#
# XT_SONAME(NAME, LIBS, FUNCTION)
# Sets xt_cv_soname_NAME to the soname of libNAME that a program linked
# with LIBS and calling FUNCTION needs (its DT_NEEDED entry, read with
# $READELF); configure stops if it cannot tell.
AC_DEFUN([XT_SONAME], [
  AC_REQUIRE([XT_PROG_READELF])
  AC_CACHE_CHECK([the soname of lib$1], [xt_cv_soname_$1], [
    xt_save_LIBS=$LIBS
    LIBS="$2 $LIBS"
    xt_cv_soname_$1=
    AC_LINK_IFELSE([AC_LANG_CALL([], [$3])], [
      xt_cv_soname_$1=`$READELF -d conftest$EXEEXT 2>/dev/null |
        sed -n 's/.*(NEEDED).*: .\(lib$1\.so@<:@0-9.@:>@*\).*/\1/p' | sed 1q`])
    LIBS=$xt_save_LIBS])
  AS_IF([test -z "$xt_cv_soname_$1"],
    [AC_MSG_ERROR([cannot tell the soname of lib$1 (readelf: $READELF)])])
])

AC_DEFUN([XT_PROG_READELF], [AC_CHECK_TOOL([READELF], [readelf])])
