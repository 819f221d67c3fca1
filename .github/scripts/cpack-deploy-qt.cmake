# CPack pre-build script used by .github/workflows/release.yml (cpack -D CPACK_PRE_BUILD_SCRIPTS=…).
# CPack runs it after installing the project into its staging directory and before it builds the
# installer, with CPACK_TEMPORARY_INSTALL_DIRECTORY pointing at that staging directory.
#
# It is a fallback plus one fix:
#   * Windows: if the install rules (packaging/CMakeLists.txt, qt_generate_deploy_app_script,
#     InstallRequiredSystemLibraries) already put Qt, the MSVC runtime and libcrypto next to
#     apidojo.exe, it changes nothing. Otherwise it runs windeployqt and copies what is missing.
#   * macOS: likewise runs macdeployqt only when the bundle has no QtCore.framework, and then
#     ALWAYS re-signs the bundle ad hoc. macdeployqt (Qt < 6.11) and CPACK_STRIP_FILES rewrite
#     Mach-O files and invalidate their signatures; an arm64 binary with a broken signature is
#     killed at launch. An ad-hoc signature is not a Developer ID: Gatekeeper still warns.
#
# Environment read: QT_ROOT_DIR (jurplel/install-qt-action), OPENSSL_ROOT_DIR (the workflow),
# VCToolsRedistDir (ilammy/msvc-dev-cmd, Windows).

cmake_minimum_required(VERSION 3.19)

set(stage "${CPACK_TEMPORARY_INSTALL_DIRECTORY}")
if(NOT stage OR NOT IS_DIRECTORY "${stage}")
    message(FATAL_ERROR "cpack-deploy-qt: CPACK_TEMPORARY_INSTALL_DIRECTORY is not set or missing")
endif()
# The environment holds native paths (backslashes on Windows); CMake wants forward slashes.
file(TO_CMAKE_PATH "$ENV{QT_ROOT_DIR}" qt_root)
file(TO_CMAKE_PATH "$ENV{OPENSSL_ROOT_DIR}" openssl_root)
file(TO_CMAKE_PATH "$ENV{VCToolsRedistDir}" vc_redist)
if(NOT qt_root)
    message(FATAL_ERROR "cpack-deploy-qt: QT_ROOT_DIR is not set (install-qt-action sets it)")
endif()
message(STATUS "cpack-deploy-qt: staging directory ${stage}")

if(CMAKE_HOST_WIN32)
    # One bin/ per component when the packaging uses components, else one bin/ at the top.
    file(GLOB_RECURSE exes LIST_DIRECTORIES false "${stage}/apidojo.exe")
    if(NOT exes)
        message(FATAL_ERROR "cpack-deploy-qt: no apidojo.exe under ${stage}")
    endif()
    foreach(exe IN LISTS exes)
        get_filename_component(bin "${exe}" DIRECTORY)
        if(EXISTS "${bin}/Qt6Core.dll")
            message(STATUS "cpack-deploy-qt: Qt already deployed in ${bin} (install rules)")
        else()
            message(STATUS "cpack-deploy-qt: running windeployqt on ${exe}")
            execute_process(
                COMMAND "${qt_root}/bin/windeployqt.exe" --release --no-translations
                        --no-compiler-runtime "${exe}"
                COMMAND_ERROR_IS_FATAL ANY)
        endif()

        # OpenSSL's libcrypto (OpenSSL 3: libcrypto-3-x64.dll), which the program links.
        file(GLOB crypto_present "${bin}/libcrypto-*.dll")
        if(NOT crypto_present)
            file(GLOB crypto_dlls "${openssl_root}/bin/libcrypto-*.dll")
            if(NOT crypto_dlls)
                message(FATAL_ERROR "cpack-deploy-qt: no libcrypto-*.dll in ${openssl_root}/bin")
            endif()
            message(STATUS "cpack-deploy-qt: copying ${crypto_dlls}")
            file(COPY ${crypto_dlls} DESTINATION "${bin}")
        endif()

        # The MSVC runtime, from the same toolset that compiled the program.
        if(NOT EXISTS "${bin}/vcruntime140.dll")
            file(GLOB crt_dirs "${vc_redist}/x64/Microsoft.VC*.CRT")
            if(NOT crt_dirs)
                message(FATAL_ERROR "cpack-deploy-qt: no MSVC CRT under ${vc_redist}/x64")
            endif()
            list(GET crt_dirs -1 crt_dir)
            file(GLOB crt_dlls "${crt_dir}/*.dll")
            message(STATUS "cpack-deploy-qt: copying the MSVC runtime from ${crt_dir}")
            file(COPY ${crt_dlls} DESTINATION "${bin}")
        endif()
    endforeach()
elseif(CMAKE_HOST_APPLE)
    file(GLOB apps LIST_DIRECTORIES true "${stage}/*.app" "${stage}/*/*.app")
    if(NOT apps)
        message(FATAL_ERROR "cpack-deploy-qt: no .app bundle under ${stage}")
    endif()
    foreach(app IN LISTS apps)
        if(IS_DIRECTORY "${app}/Contents/Frameworks/QtCore.framework")
            message(STATUS "cpack-deploy-qt: Qt already deployed in ${app} (install rules)")
        else()
            message(STATUS "cpack-deploy-qt: running macdeployqt on ${app}")
            execute_process(
                COMMAND "${qt_root}/bin/macdeployqt" "${app}" -verbose=1
                COMMAND_ERROR_IS_FATAL ANY)
        endif()
        message(STATUS "cpack-deploy-qt: ad-hoc signing ${app}")
        execute_process(
            COMMAND codesign --force --deep --sign - "${app}"
            COMMAND_ERROR_IS_FATAL ANY)
        execute_process(
            COMMAND codesign --verify --deep --strict --verbose=2 "${app}"
            COMMAND_ERROR_IS_FATAL ANY)
    endforeach()
endif()
