#pragma once
// RAII for the OpenSSL objects the JWKS code (and the tests' token factory) handle.
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

namespace rt::auth {

template <auto Free>
struct FreeWith {
    template <class T>
    void operator()(T* p) const { Free(p); }
};
using Bignum = std::unique_ptr<BIGNUM, FreeWith<BN_free>>;
using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, FreeWith<OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, FreeWith<OSSL_PARAM_free>>;
using PkeyContext = std::unique_ptr<EVP_PKEY_CTX, FreeWith<EVP_PKEY_CTX_free>>;
using Pkey = std::unique_ptr<EVP_PKEY, FreeWith<EVP_PKEY_free>>;
using Bio = std::unique_ptr<BIO, FreeWith<BIO_free_all>>;

}  // namespace rt::auth
