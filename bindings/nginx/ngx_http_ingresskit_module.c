/*
 * ngx_http_ingresskit_module: nginx routes as Istio's ingress gateway
 * routes Kubernetes Ingress, through ingresskit's C ABI.
 *
 * The Kubernetes objects (ingresskit_routes) are compiled in the master at
 * configuration time, so `nginx -t` checks them; each worker then watches
 * the files and swaps in a new table with the router, keeping the last good
 * one when a file is bad. Where `ingresskit on`, a REWRITE-phase handler
 * routes every request once: 404, 400, 414 or 503 as Envoy would answer, or
 * variables for proxy_pass and a request URI rewritten to the normalised
 * path the decision was made on. TLS variables hand nginx the certificate
 * and key of the Secret that serves the client's server name.
 *
 * Memory: configuration in the cycle pool, per-request state in the
 * request pool, a temporary pool per reload. A request holds a reference
 * to the table that answered it until its pool is destroyed, so a swap
 * never frees a table a request still reads.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#if (NGX_HTTP_SSL)
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#endif

#include <ingresskit.h>


/* Round-robin counters per worker, shared by routes whose ids collide. */
#define NGX_HTTP_INGRESSKIT_RR_SLOTS     64
/* Key pairs checked per worker and table version. */
#define NGX_HTTP_INGRESSKIT_PAIR_SLOTS   16


typedef struct {
    ngx_str_t                    destination;
    ngx_uint_t                   port;
    ngx_array_t                  addresses;    /* ngx_str_t, "addr:port" */
} ngx_http_ingresskit_static_t;


typedef struct {
    ngx_str_t                    path;         /* absolute, NUL-terminated */
    ngx_flag_t                   exists;
    ino_t                        inode;
    off_t                        size;
    time_t                       mtime_sec;
    long                         mtime_nsec;
} ngx_http_ingresskit_file_t;


typedef struct {
    uint64_t                     version;
    const char                  *server;       /* view into that table */
    ngx_flag_t                   usable;
} ngx_http_ingresskit_pair_t;


typedef struct {
    ngx_array_t                 *files;        /* ngx_http_ingresskit_file_t */
    ingresskit_options_t         options;
    ngx_msec_t                   reload_interval;
    ngx_array_t                 *statics;      /* ngx_http_ingresskit_static_t */

    ingresskit_router_t         *router;
    ngx_event_t                  reload_event;
    ngx_uint_t                   rr[NGX_HTTP_INGRESSKIT_RR_SLOTS];
    ngx_http_ingresskit_pair_t   pairs[NGX_HTTP_INGRESSKIT_PAIR_SLOTS];
    ngx_uint_t                   next_pair;
} ngx_http_ingresskit_main_conf_t;


typedef struct {
    ngx_flag_t                   enable;
} ngx_http_ingresskit_loc_conf_t;


/* One request's decision, made once and read by the handler and every
 * variable. */
typedef struct {
    ingresskit_table_t          *table;        /* held until the pool dies */
    uint64_t                     version;

    unsigned                     decided:1;
    unsigned                     tls_done:1;
    unsigned                     tls_usable:1;

    unsigned                     route_done:1;

    ngx_int_t                    status;       /* 0: routed */
    ingresskit_target_t          target;       /* the one call per request */
    ingresskit_match_t           route;        /* the rest, for variables */
    ngx_str_t                    upstream;

    ingresskit_tls_t             tls;
} ngx_http_ingresskit_ctx_t;


typedef enum {
    NGX_HTTP_INGRESSKIT_VAR_UPSTREAM = 0,
    NGX_HTTP_INGRESSKIT_VAR_DESTINATION,
    NGX_HTTP_INGRESSKIT_VAR_PORT,
    NGX_HTTP_INGRESSKIT_VAR_CLUSTER,
    NGX_HTTP_INGRESSKIT_VAR_INGRESS,
    NGX_HTTP_INGRESSKIT_VAR_ROUTE,
    NGX_HTTP_INGRESSKIT_VAR_VERSION,
    NGX_HTTP_INGRESSKIT_VAR_TLS_CERT,
    NGX_HTTP_INGRESSKIT_VAR_TLS_KEY,
    NGX_HTTP_INGRESSKIT_VAR_TLS_SECRET
} ngx_http_ingresskit_var_e;


static ngx_int_t ngx_http_ingresskit_add_variables(ngx_conf_t *cf);
static ngx_int_t ngx_http_ingresskit_init(ngx_conf_t *cf);
static void *ngx_http_ingresskit_create_main_conf(ngx_conf_t *cf);
static char *ngx_http_ingresskit_init_main_conf(ngx_conf_t *cf, void *conf);
static void *ngx_http_ingresskit_create_loc_conf(ngx_conf_t *cf);
static char *ngx_http_ingresskit_merge_loc_conf(ngx_conf_t *cf, void *parent,
    void *child);
static ngx_int_t ngx_http_ingresskit_init_process(ngx_cycle_t *cycle);

static char *ngx_http_ingresskit_routes(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static char *ngx_http_ingresskit_option(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static char *ngx_http_ingresskit_endpoint(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);

static ngx_int_t ngx_http_ingresskit_handler(ngx_http_request_t *r);
static ngx_int_t ngx_http_ingresskit_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data);
static void ngx_http_ingresskit_reload(ngx_event_t *ev);


static ngx_command_t  ngx_http_ingresskit_commands[] = {

    { ngx_string("ingresskit_routes"),
      NGX_HTTP_MAIN_CONF|NGX_CONF_1MORE,
      ngx_http_ingresskit_routes,
      NGX_HTTP_MAIN_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("ingresskit_option"),
      NGX_HTTP_MAIN_CONF|NGX_CONF_TAKE2,
      ngx_http_ingresskit_option,
      NGX_HTTP_MAIN_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("ingresskit_reload_interval"),
      NGX_HTTP_MAIN_CONF|NGX_CONF_TAKE1,
      ngx_conf_set_msec_slot,
      NGX_HTTP_MAIN_CONF_OFFSET,
      offsetof(ngx_http_ingresskit_main_conf_t, reload_interval),
      NULL },

    { ngx_string("ingresskit_endpoint"),
      NGX_HTTP_MAIN_CONF|NGX_CONF_2MORE,
      ngx_http_ingresskit_endpoint,
      NGX_HTTP_MAIN_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("ingresskit"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_FLAG,
      ngx_conf_set_flag_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_ingresskit_loc_conf_t, enable),
      NULL },

      ngx_null_command
};


static ngx_http_variable_t  ngx_http_ingresskit_vars[] = {

    { ngx_string("ingresskit_upstream"), NULL, ngx_http_ingresskit_variable,
      NGX_HTTP_INGRESSKIT_VAR_UPSTREAM, 0, 0 },

    { ngx_string("ingresskit_destination"), NULL, ngx_http_ingresskit_variable,
      NGX_HTTP_INGRESSKIT_VAR_DESTINATION, 0, 0 },

    { ngx_string("ingresskit_port"), NULL, ngx_http_ingresskit_variable,
      NGX_HTTP_INGRESSKIT_VAR_PORT, 0, 0 },

    { ngx_string("ingresskit_cluster"), NULL, ngx_http_ingresskit_variable,
      NGX_HTTP_INGRESSKIT_VAR_CLUSTER, 0, 0 },

    { ngx_string("ingresskit_ingress"), NULL, ngx_http_ingresskit_variable,
      NGX_HTTP_INGRESSKIT_VAR_INGRESS, 0, 0 },

    { ngx_string("ingresskit_route"), NULL, ngx_http_ingresskit_variable,
      NGX_HTTP_INGRESSKIT_VAR_ROUTE, 0, 0 },

    { ngx_string("ingresskit_version"), NULL, ngx_http_ingresskit_variable,
      NGX_HTTP_INGRESSKIT_VAR_VERSION, 0, 0 },

    /* Never cached: nginx must not keep key bytes in r->variables. */
    { ngx_string("ingresskit_tls_cert"), NULL, ngx_http_ingresskit_variable,
      NGX_HTTP_INGRESSKIT_VAR_TLS_CERT, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("ingresskit_tls_key"), NULL, ngx_http_ingresskit_variable,
      NGX_HTTP_INGRESSKIT_VAR_TLS_KEY, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("ingresskit_tls_secret"), NULL, ngx_http_ingresskit_variable,
      NGX_HTTP_INGRESSKIT_VAR_TLS_SECRET, 0, 0 },

      ngx_http_null_variable
};


static ngx_http_module_t  ngx_http_ingresskit_module_ctx = {
    ngx_http_ingresskit_add_variables,     /* preconfiguration */
    ngx_http_ingresskit_init,              /* postconfiguration */

    ngx_http_ingresskit_create_main_conf,  /* create main configuration */
    ngx_http_ingresskit_init_main_conf,    /* init main configuration */

    NULL,                                  /* create server configuration */
    NULL,                                  /* merge server configuration */

    ngx_http_ingresskit_create_loc_conf,   /* create location configuration */
    ngx_http_ingresskit_merge_loc_conf     /* merge location configuration */
};


ngx_module_t  ngx_http_ingresskit_module = {
    NGX_MODULE_V1,
    &ngx_http_ingresskit_module_ctx,       /* module context */
    ngx_http_ingresskit_commands,          /* module directives */
    NGX_HTTP_MODULE,                       /* module type */
    NULL,                                  /* init master */
    NULL,                                  /* init module */
    ngx_http_ingresskit_init_process,      /* init process */
    NULL,                                  /* init thread */
    NULL,                                  /* exit thread */
    NULL,                                  /* exit process */
    NULL,                                  /* exit master */
    NGX_MODULE_V1_PADDING
};


/* ---- Configuration -------------------------------------------------- */


static void *
ngx_http_ingresskit_create_main_conf(ngx_conf_t *cf)
{
    ngx_http_ingresskit_main_conf_t  *mcf;

    mcf = ngx_pcalloc(cf->pool, sizeof(ngx_http_ingresskit_main_conf_t));
    if (mcf == NULL) {
        return NULL;
    }

    if (ingresskit_options_init(&mcf->options, INGRESSKIT_OPTIONS_VERSION)
        != INGRESSKIT_OK)
    {
        return NULL;
    }

    /*
     * An error in any object stops nginx (and keeps the last good table at
     * a hot reload) unless `ingresskit_option strict off`: a proxy should
     * not quietly route less than it was given.
     */
    mcf->options.strict = 1;
    mcf->reload_interval = NGX_CONF_UNSET_MSEC;

    return mcf;
}


static void *
ngx_http_ingresskit_create_loc_conf(ngx_conf_t *cf)
{
    ngx_http_ingresskit_loc_conf_t  *lcf;

    lcf = ngx_pcalloc(cf->pool, sizeof(ngx_http_ingresskit_loc_conf_t));
    if (lcf == NULL) {
        return NULL;
    }

    lcf->enable = NGX_CONF_UNSET;

    return lcf;
}


static char *
ngx_http_ingresskit_merge_loc_conf(ngx_conf_t *cf, void *parent, void *child)
{
    ngx_http_ingresskit_loc_conf_t  *prev = parent;
    ngx_http_ingresskit_loc_conf_t  *conf = child;

    ngx_http_ingresskit_main_conf_t  *mcf;

    ngx_conf_merge_value(conf->enable, prev->enable, 0);

    mcf = ngx_http_conf_get_module_main_conf(cf, ngx_http_ingresskit_module);

    if (conf->enable && mcf->router == NULL) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "\"ingresskit on\" needs \"ingresskit_routes\" "
                           "in the http block");
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


static char *
ngx_http_ingresskit_routes(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_ingresskit_main_conf_t  *mcf = conf;

    ngx_str_t                   *value;
    ngx_uint_t                   i;
    ngx_http_ingresskit_file_t  *file;

    if (mcf->files == NULL) {
        mcf->files = ngx_array_create(cf->pool, 4,
                                      sizeof(ngx_http_ingresskit_file_t));
        if (mcf->files == NULL) {
            return NGX_CONF_ERROR;
        }
    }

    value = cf->args->elts;

    for (i = 1; i < cf->args->nelts; i++) {
        file = ngx_array_push(mcf->files);
        if (file == NULL) {
            return NGX_CONF_ERROR;
        }

        ngx_memzero(file, sizeof(ngx_http_ingresskit_file_t));
        file->path = value[i];

        /* Relative to the configuration's prefix, as nginx resolves its
         * own files; NUL-terminated for stat(). */
        if (ngx_conf_full_name(cf->cycle, &file->path, 1) != NGX_OK) {
            return NGX_CONF_ERROR;
        }
    }

    return NGX_CONF_OK;
}


static char *
ngx_http_ingresskit_option(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_ingresskit_main_conf_t  *mcf = conf;

    ngx_str_t           *value;
    ingresskit_error_t   err;

    value = cf->args->elts;

    /* The library keeps pointers to string values: these live in the
     * cycle pool, as long as the options are used. */
    if (ingresskit_options_set(&mcf->options,
                               (const char *) value[1].data, value[1].len,
                               (const char *) value[2].data, value[2].len,
                               &err)
        != INGRESSKIT_OK)
    {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0, "ingresskit: %s",
                           err.message);
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


/* "host:port" with a port of 1..65535; `host` may be "[v6]". */
static ngx_int_t
ngx_http_ingresskit_split_host_port(ngx_str_t *in, ngx_str_t *host,
    ngx_uint_t *port)
{
    u_char     *colon;
    ngx_int_t   n;

    colon = ngx_strlchr(in->data, in->data + in->len, ':');

    /* The last colon: an IPv6 address has several. */
    while (colon != NULL) {
        u_char  *next;

        next = ngx_strlchr(colon + 1, in->data + in->len, ':');
        if (next == NULL) {
            break;
        }

        colon = next;
    }

    if (colon == NULL || colon == in->data) {
        return NGX_ERROR;
    }

    n = ngx_atoi(colon + 1, in->data + in->len - colon - 1);
    if (n < 1 || n > 65535) {
        return NGX_ERROR;
    }

    host->data = in->data;
    host->len = colon - in->data;
    *port = (ngx_uint_t) n;

    return NGX_OK;
}


static char *
ngx_http_ingresskit_endpoint(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_ingresskit_main_conf_t  *mcf = conf;

    ngx_str_t                     *value, *address, host;
    ngx_uint_t                     i, port;
    ngx_http_ingresskit_static_t  *s;

    if (mcf->statics == NULL) {
        mcf->statics = ngx_array_create(cf->pool, 4,
                                        sizeof(ngx_http_ingresskit_static_t));
        if (mcf->statics == NULL) {
            return NGX_CONF_ERROR;
        }
    }

    value = cf->args->elts;

    s = ngx_array_push(mcf->statics);
    if (s == NULL) {
        return NGX_CONF_ERROR;
    }

    if (ngx_http_ingresskit_split_host_port(&value[1], &s->destination,
                                            &s->port)
        != NGX_OK)
    {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "ingresskit_endpoint: \"%V\" is not "
                           "DESTINATION:PORT (for example "
                           "httpbin.default.svc.cluster.local:8000)",
                           &value[1]);
        return NGX_CONF_ERROR;
    }

    if (ngx_array_init(&s->addresses, cf->pool, cf->args->nelts - 2,
                       sizeof(ngx_str_t))
        != NGX_OK)
    {
        return NGX_CONF_ERROR;
    }

    for (i = 2; i < cf->args->nelts; i++) {
        if (ngx_http_ingresskit_split_host_port(&value[i], &host, &port)
            != NGX_OK)
        {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "ingresskit_endpoint: \"%V\" is not "
                               "ADDRESS:PORT", &value[i]);
            return NGX_CONF_ERROR;
        }

        address = ngx_array_push(&s->addresses);
        if (address == NULL) {
            return NGX_CONF_ERROR;
        }

        *address = value[i];
    }

    return NGX_CONF_OK;
}


/* ---- Reading the files ---------------------------------------------- */


/* Reads every file into `pool` as a named source, recording what stat()
 * says of each so that the reload timer sees the next change. */
static ngx_int_t
ngx_http_ingresskit_read_files(ngx_http_ingresskit_main_conf_t *mcf,
    ngx_pool_t *pool, ngx_log_t *log, ingresskit_source_t **sources)
{
    u_char                      *buf;
    size_t                       size;
    ssize_t                      n;
    ngx_fd_t                     fd;
    ngx_uint_t                   i;
    ngx_file_info_t              fi;
    ingresskit_source_t         *out;
    ngx_http_ingresskit_file_t  *file;

    file = mcf->files->elts;

    out = ngx_pcalloc(pool, mcf->files->nelts * sizeof(ingresskit_source_t));
    if (out == NULL) {
        return NGX_ERROR;
    }

    for (i = 0; i < mcf->files->nelts; i++) {
        fd = ngx_open_file(file[i].path.data, NGX_FILE_RDONLY, NGX_FILE_OPEN,
                           0);
        if (fd == NGX_INVALID_FILE) {
            ngx_log_error(NGX_LOG_ERR, log, ngx_errno,
                          "ingresskit: cannot open \"%V\"", &file[i].path);
            file[i].exists = 0;
            return NGX_ERROR;
        }

        if (ngx_fd_info(fd, &fi) == NGX_FILE_ERROR) {
            ngx_log_error(NGX_LOG_ERR, log, ngx_errno,
                          "ingresskit: cannot stat \"%V\"", &file[i].path);
            ngx_close_file(fd);
            return NGX_ERROR;
        }

        file[i].exists = 1;
        file[i].inode = fi.st_ino;
        file[i].size = fi.st_size;
        file[i].mtime_sec = fi.st_mtim.tv_sec;
        file[i].mtime_nsec = fi.st_mtim.tv_nsec;

        size = (size_t) fi.st_size;
        buf = ngx_pnalloc(pool, size + 1);
        if (buf == NULL) {
            ngx_close_file(fd);
            return NGX_ERROR;
        }

        n = 0;
        while ((size_t) n < size) {
            ssize_t  got = read(fd, buf + n, size - n);

            if (got == -1 && ngx_errno == NGX_EINTR) {
                continue;
            }

            if (got <= 0) {
                break;
            }

            n += got;
        }

        ngx_close_file(fd);

        if ((size_t) n != size) {
            ngx_log_error(NGX_LOG_ERR, log, ngx_errno,
                          "ingresskit: short read of \"%V\"", &file[i].path);
            return NGX_ERROR;
        }

        out[i].name = (const char *) file[i].path.data;
        out[i].name_len = file[i].path.len;
        out[i].text = (const char *) buf;
        out[i].text_len = size;
    }

    *sources = out;

    return NGX_OK;
}


/* The library's message ("file:12: error: Ingress ns/x field: message")
 * as nginx reports it: "file:12: Ingress ns/x field: message", the level
 * being nginx's own. */
static u_char *
ngx_http_ingresskit_message(ingresskit_error_t *err)
{
    u_char  *at;
    size_t   len;

    len = ngx_strlen(err->message);
    at = ngx_strnstr((u_char *) err->message, ": error: ", len);

    if (at != NULL) {
        ngx_memmove(at + 2, at + 9, len - (at + 9 - (u_char *) err->message)
                                    + 1);
    }

    return (u_char *) err->message;
}


static void
ngx_http_ingresskit_free_router(void *data)
{
    ngx_http_ingresskit_main_conf_t  *mcf = data;

    ingresskit_router_free(mcf->router);
    mcf->router = NULL;
}


/* Compiled in the master (and by `nginx -t`): every diagnostic is logged
 * with its file and line, and an error stops the configuration. */
static char *
ngx_http_ingresskit_init_main_conf(ngx_conf_t *cf, void *conf)
{
    ngx_http_ingresskit_main_conf_t  *mcf = conf;

    u_char                   *p, where[NGX_MAX_PATH + NGX_INT_T_LEN + 2];
    size_t                    i, count, name_len;
    uint64_t                  version;
    ngx_uint_t                level;
    const char               *name;
    ingresskit_error_t        err;
    ingresskit_table_t       *table;
    ngx_pool_cleanup_t       *cln;
    ingresskit_source_t      *sources;
    ingresskit_diagnostic_t   d;

    ngx_conf_init_msec_value(mcf->reload_interval, 1000);

    if (mcf->files == NULL) {
        return NGX_CONF_OK;
    }

    if (ingresskit_abi_version() != INGRESSKIT_ABI_VERSION) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "ingresskit: the loaded libingresskit has ABI %d, "
                           "this module was built for %d",
                           ingresskit_abi_version(), INGRESSKIT_ABI_VERSION);
        return NGX_CONF_ERROR;
    }

    if (ngx_http_ingresskit_read_files(mcf, cf->temp_pool, cf->log, &sources)
        != NGX_OK)
    {
        return NGX_CONF_ERROR;
    }

    table = NULL;

    if (ingresskit_table_compile_sources(sources, mcf->files->nelts,
                                         &mcf->options, &table, &err)
        != INGRESSKIT_OK)
    {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0, "ingresskit: %s",
                           ngx_http_ingresskit_message(&err));
        return NGX_CONF_ERROR;
    }

    count = ingresskit_table_diagnostic_count(table);

    for (i = 0; i < count; i++) {
        if (ingresskit_table_diagnostic(table, i, &d, NULL) != INGRESSKIT_OK
            || ingresskit_table_diagnostic_source(table, i, &name, &name_len,
                                                  NULL)
               != INGRESSKIT_OK)
        {
            continue;
        }

        level = d.severity == INGRESSKIT_SEVERITY_ERROR ? NGX_LOG_ERR
                : d.severity == INGRESSKIT_SEVERITY_WARNING ? NGX_LOG_WARN
                : NGX_LOG_NOTICE;

        /* "file:line: object field: message", as the library writes it;
         * no line for what a whole object or file gets. */
        p = ngx_snprintf(where, sizeof(where), "%*s", name_len, name);
        if (d.line != 0) {
            p = ngx_snprintf(p, where + sizeof(where) - p, ":%uD", d.line);
        }

        ngx_conf_log_error(level, cf, 0, "ingresskit: %*s: %*s%s%*s: %*s",
                           p - where, where, d.object_len, d.object,
                           d.field_len ? " " : "", d.field_len, d.field,
                           d.message_len, d.message);
    }

    ingresskit_table_free(table);

    if (ingresskit_router_new(&mcf->options, &mcf->router, &err)
        != INGRESSKIT_OK)
    {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0, "ingresskit: %s",
                           err.message);
        return NGX_CONF_ERROR;
    }

    cln = ngx_pool_cleanup_add(cf->pool, 0);
    if (cln == NULL) {
        ingresskit_router_free(mcf->router);
        mcf->router = NULL;
        return NGX_CONF_ERROR;
    }

    cln->handler = ngx_http_ingresskit_free_router;
    cln->data = mcf;

    if (ingresskit_router_update_sources(mcf->router, sources,
                                         mcf->files->nelts, &version, &err)
        != INGRESSKIT_OK)
    {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0, "ingresskit: %s",
                           ngx_http_ingresskit_message(&err));
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


static ngx_int_t
ngx_http_ingresskit_add_variables(ngx_conf_t *cf)
{
    ngx_http_variable_t  *var, *v;

    for (v = ngx_http_ingresskit_vars; v->name.len; v++) {
        var = ngx_http_add_variable(cf, &v->name, v->flags);
        if (var == NULL) {
            return NGX_ERROR;
        }

        var->get_handler = v->get_handler;
        var->data = v->data;
    }

    return NGX_OK;
}


static ngx_int_t
ngx_http_ingresskit_init(ngx_conf_t *cf)
{
    ngx_http_handler_pt        *h;
    ngx_http_core_main_conf_t  *cmcf;

    cmcf = ngx_http_conf_get_module_main_conf(cf, ngx_http_core_module);

    h = ngx_array_push(&cmcf->phases[NGX_HTTP_REWRITE_PHASE].handlers);
    if (h == NULL) {
        return NGX_ERROR;
    }

    *h = ngx_http_ingresskit_handler;

    return NGX_OK;
}


/* ---- Hot reload ----------------------------------------------------- */


static ngx_int_t
ngx_http_ingresskit_init_process(ngx_cycle_t *cycle)
{
    ngx_event_t                      *ev;
    ngx_http_ingresskit_main_conf_t  *mcf;

    if (ngx_process != NGX_PROCESS_WORKER
        && ngx_process != NGX_PROCESS_SINGLE)
    {
        return NGX_OK;
    }

    if (ngx_get_conf(cycle->conf_ctx, ngx_http_module) == NULL) {
        return NGX_OK;
    }

    mcf = ngx_http_cycle_get_module_main_conf(cycle,
                                              ngx_http_ingresskit_module);

    if (mcf == NULL || mcf->router == NULL || mcf->reload_interval == 0) {
        return NGX_OK;
    }

    ev = &mcf->reload_event;
    ev->handler = ngx_http_ingresskit_reload;
    ev->data = mcf;
    ev->log = cycle->log;
    /* A pending reload must not delay a graceful shutdown. */
    ev->cancelable = 1;

    ngx_add_timer(ev, mcf->reload_interval);

    return NGX_OK;
}


/* Whether any watched file changed since the last look: another inode
 * (an atomic rename, a ConfigMap's ..data swap), size or mtime. Records
 * what it sees, so that a change is acted on (and a failure logged) once. */
static ngx_flag_t
ngx_http_ingresskit_files_changed(ngx_http_ingresskit_main_conf_t *mcf)
{
    ngx_flag_t                   changed;
    ngx_uint_t                   i;
    ngx_file_info_t              fi;
    ngx_http_ingresskit_file_t  *file;

    changed = 0;
    file = mcf->files->elts;

    for (i = 0; i < mcf->files->nelts; i++) {
        if (ngx_file_info(file[i].path.data, &fi) == NGX_FILE_ERROR) {
            changed |= file[i].exists;
            file[i].exists = 0;
            continue;
        }

        if (!file[i].exists
            || fi.st_ino != file[i].inode
            || fi.st_size != file[i].size
            || fi.st_mtim.tv_sec != file[i].mtime_sec
            || fi.st_mtim.tv_nsec != file[i].mtime_nsec)
        {
            changed = 1;
            file[i].exists = 1;
            file[i].inode = fi.st_ino;
            file[i].size = fi.st_size;
            file[i].mtime_sec = fi.st_mtim.tv_sec;
            file[i].mtime_nsec = fi.st_mtim.tv_nsec;
        }
    }

    return changed;
}


static void
ngx_http_ingresskit_reload(ngx_event_t *ev)
{
    ngx_http_ingresskit_main_conf_t  *mcf = ev->data;

    size_t                routes;
    uint64_t              version;
    ngx_pool_t           *pool;
    ingresskit_error_t    err;
    ingresskit_table_t   *table;
    ingresskit_source_t  *sources;

    if (ngx_exiting || ngx_quit || ngx_terminate) {
        return;
    }

    if (ngx_http_ingresskit_files_changed(mcf)) {
        pool = ngx_create_pool(NGX_DEFAULT_POOL_SIZE, ev->log);

        if (pool == NULL) {
            ngx_log_error(NGX_LOG_ERR, ev->log, 0,
                          "ingresskit: reload: out of memory");

        } else if (ngx_http_ingresskit_read_files(mcf, pool, ev->log,
                                                  &sources)
                   != NGX_OK)
        {
            /* Logged by the reader, once: the state is recorded. */

        } else if (ingresskit_router_update_sources(mcf->router, sources,
                                                    mcf->files->nelts,
                                                    &version, &err)
                   != INGRESSKIT_OK)
        {
            ngx_log_error(NGX_LOG_ERR, ev->log, 0,
                          "ingresskit: reload failed, keeping version %uL: "
                          "%s", ingresskit_router_version(mcf->router),
                          ngx_http_ingresskit_message(&err));

        } else {
            routes = 0;

            if (ingresskit_router_acquire(mcf->router, &table, NULL, NULL)
                == INGRESSKIT_OK)
            {
                routes = ingresskit_table_route_count(table);
                ingresskit_table_free(table);
            }

            ngx_log_error(NGX_LOG_NOTICE, ev->log, 0,
                          "ingresskit: loaded version %uL, %uz routes",
                          version, routes);
        }

        if (pool != NULL) {
            ngx_destroy_pool(pool);
        }
    }

    ngx_add_timer(ev, mcf->reload_interval);
}


/* ---- The decision ---------------------------------------------------- */


static void
ngx_http_ingresskit_release(void *data)
{
    ngx_http_ingresskit_ctx_t  *ctx = data;

    ingresskit_table_free(ctx->table);
    ctx->table = NULL;
}


/* The request's context, holding a reference to the current table. */
static ngx_http_ingresskit_ctx_t *
ngx_http_ingresskit_get_ctx(ngx_http_request_t *r,
    ngx_http_ingresskit_main_conf_t *mcf)
{
    ingresskit_error_t          err;
    ngx_pool_cleanup_t         *cln;
    ngx_http_ingresskit_ctx_t  *ctx;

    ctx = ngx_http_get_module_ctx(r, ngx_http_ingresskit_module);
    if (ctx != NULL) {
        return ctx;
    }

    if (mcf->router == NULL) {
        return NULL;
    }

    ctx = ngx_pcalloc(r->pool, sizeof(ngx_http_ingresskit_ctx_t));
    if (ctx == NULL) {
        return NULL;
    }

    cln = ngx_pool_cleanup_add(r->pool, 0);
    if (cln == NULL) {
        return NULL;
    }

    if (ingresskit_router_acquire(mcf->router, &ctx->table, &ctx->version,
                                  &err)
        != INGRESSKIT_OK)
    {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "ingresskit: %s", err.message);
        return NULL;
    }

    cln->handler = ngx_http_ingresskit_release;
    cln->data = ctx;

    ngx_http_set_ctx(r, ctx, ngx_http_ingresskit_module);

    return ctx;
}


#if (NGX_HTTP_SSL)

static void
ngx_http_ingresskit_server_name(ngx_http_request_t *r, const char **name,
    size_t *len)
{
    const char  *sni;

    *name = NULL;
    *len = 0;

    if (r->connection->ssl == NULL) {
        return;
    }

    sni = SSL_get_servername(r->connection->ssl->connection,
                             TLSEXT_NAMETYPE_host_name);
    if (sni != NULL) {
        *name = sni;
        *len = ngx_strlen(sni);
    }
}

#endif


/* The address the request goes to: a static ingresskit_endpoint, else a
 * ready endpoint of the route (round robin), else the destination's DNS
 * name when the input has no endpoint data. 0 or 503. */
static ngx_int_t
ngx_http_ingresskit_pick(ngx_http_request_t *r,
    ngx_http_ingresskit_main_conf_t *mcf, ngx_http_ingresskit_ctx_t *ctx)
{
    size_t                         count, len, index;
    int32_t                        status;
    u_char                        *p;
    ngx_str_t                     *addresses;
    ngx_uint_t                     i, *rr;
    const char                    *data;
    ngx_http_ingresskit_static_t  *s;

    rr = &mcf->rr[(uint64_t) ctx->target.route_id
                  % NGX_HTTP_INGRESSKIT_RR_SLOTS];

    if (mcf->statics != NULL) {
        s = mcf->statics->elts;

        for (i = 0; i < mcf->statics->nelts; i++) {
            if (s[i].port != ctx->target.port
                || s[i].destination.len != ctx->target.destination_len
                || ngx_strncmp(s[i].destination.data, ctx->target.destination,
                               s[i].destination.len)
                   != 0)
            {
                continue;
            }

            addresses = s[i].addresses.elts;
            ctx->upstream = addresses[(*rr)++ % s[i].addresses.nelts];
            return 0;
        }
    }

    status = ctx->target.endpoint_status;
    count = ctx->target.endpoint_count;

    if (status == INGRESSKIT_ENDPOINTS_NONE_READY) {
        /* Envoy's "no healthy upstream". */
        return NGX_HTTP_SERVICE_UNAVAILABLE;
    }

    if (status == INGRESSKIT_ENDPOINTS_READY && count > 0) {
        index = (*rr)++ % count;

        if (ingresskit_table_route_endpoint(ctx->table,
                                            (uint64_t) ctx->target.route_id,
                                            index, &data, &len, NULL)
            != INGRESSKIT_OK)
        {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }

        /* A view into the table, which the request holds. */
        ctx->upstream.data = (u_char *) data;
        ctx->upstream.len = len;
        return 0;
    }

    p = ngx_pnalloc(r->pool, ctx->target.destination_len + 1 + NGX_INT_T_LEN);
    if (p == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    ctx->upstream.data = p;
    ctx->upstream.len = ngx_sprintf(p, "%*s:%uD",
                                    ctx->target.destination_len,
                                    ctx->target.destination, ctx->target.port)
                        - p;
    return 0;
}


/* Routes the request once; later calls return the same context. */
static ngx_http_ingresskit_ctx_t *
ngx_http_ingresskit_decide(ngx_http_request_t *r)
{
    int                               rc;
    size_t                            sni_len;
    const char                       *sni;
    ingresskit_error_t                err;
    ngx_http_ingresskit_ctx_t        *ctx;
    ngx_http_ingresskit_main_conf_t  *mcf;

    mcf = ngx_http_get_module_main_conf(r, ngx_http_ingresskit_module);

    ctx = ngx_http_ingresskit_get_ctx(r, mcf);
    if (ctx == NULL || ctx->decided) {
        return ctx;
    }

    ctx->decided = 1;
    ingresskit_target_init(&ctx->target, INGRESSKIT_TARGET_VERSION);

    /* What Envoy matches: the Host header or :authority, and the raw
     * request target (r->uri is decoded and slash-merged by nginx). */

    sni = NULL;
    sni_len = 0;

#if (NGX_HTTP_SSL)
    if (r->connection->ssl) {
        ngx_http_ingresskit_server_name(r, &sni, &sni_len);

        if (sni == NULL) {
            sni = "";  /* over TLS without a name: not plain HTTP */
        }
    }
#endif

    rc = ingresskit_table_target(ctx->table, sni, sni_len,
             (const char *) r->headers_in.server.data,
             r->headers_in.server.len,
             (const char *) r->unparsed_uri.data, r->unparsed_uri.len,
             &ctx->target, &err);

    if (rc != INGRESSKIT_OK) {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "ingresskit: match failed: %s", err.message);
        ctx->status = NGX_HTTP_INTERNAL_SERVER_ERROR;
        return ctx;
    }

    switch (ctx->target.status) {

    case INGRESSKIT_MATCH_MATCHED:
        ctx->status = ngx_http_ingresskit_pick(r, mcf, ctx);
        break;

    case INGRESSKIT_MATCH_INVALID_HOST:
    case INGRESSKIT_MATCH_INVALID_PATH:
        ctx->status = NGX_HTTP_BAD_REQUEST;
        break;

    case INGRESSKIT_MATCH_PATH_TOO_LONG:
        ctx->status = NGX_HTTP_REQUEST_URI_TOO_LARGE;
        break;

    case INGRESSKIT_MATCH_BACKEND_UNRESOLVED: /* Gateway API, as Istio */
        ctx->status = NGX_HTTP_INTERNAL_SERVER_ERROR;
        break;

    default: /* NO_ROUTE; NO_TLS_SERVER when nginx had a certificate */
        ctx->status = NGX_HTTP_NOT_FOUND;
        break;
    }

    return ctx;
}


/* The request target the upstream sees: the normalised path the decision
 * was made on, then the request's own query, as Envoy rewrites :path. A
 * raw "/status/../headers" never reaches an upstream after being routed
 * as "/headers". */
static ngx_int_t
ngx_http_ingresskit_rewrite_uri(ngx_http_request_t *r,
    ngx_http_ingresskit_ctx_t *ctx)
{
    u_char              *buf;
    size_t               cap, len;
    ingresskit_error_t   err;

    cap = INGRESSKIT_NORMALIZED_PATH_MAX(r->unparsed_uri.len);

    buf = ngx_pnalloc(r->pool, cap + 1 + r->args.len);
    if (buf == NULL) {
        return NGX_ERROR;
    }

    if (ingresskit_table_normalize_path(ctx->table,
                                        (const char *) r->unparsed_uri.data,
                                        r->unparsed_uri.len, (char *) buf,
                                        cap, &len, &err)
        != INGRESSKIT_OK)
    {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "ingresskit: %s", err.message);
        return NGX_ERROR;
    }

    if (r->args.len) {
        buf[len++] = '?';
        len = ngx_cpymem(buf + len, r->args.data, r->args.len) - buf;
    }

    r->unparsed_uri.data = buf;
    r->unparsed_uri.len = len;
    r->valid_unparsed_uri = 1;

    return NGX_OK;
}


static ngx_int_t
ngx_http_ingresskit_handler(ngx_http_request_t *r)
{
    ngx_http_ingresskit_ctx_t       *ctx;
    ngx_http_ingresskit_loc_conf_t  *lcf;

    lcf = ngx_http_get_module_loc_conf(r, ngx_http_ingresskit_module);

    /* Internal redirects (error_page, try_files) and subrequests were
     * routed, or not, as their main request. */
    if (!lcf->enable || r != r->main || r->internal) {
        return NGX_DECLINED;
    }

    ctx = ngx_http_ingresskit_decide(r);
    if (ctx == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    if (ctx->status != 0) {
        return ctx->status;
    }

    if (ngx_http_ingresskit_rewrite_uri(r, ctx) != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    return NGX_DECLINED;
}


/* ---- TLS ------------------------------------------------------------- */


#if (NGX_HTTP_SSL)

static int
ngx_http_ingresskit_no_password(char *buf, int size, int rwflag, void *u)
{
    return 0;
}


/* Whether OpenSSL can use the Secret's certificate and key together,
 * checked once per worker, table version and server. nginx would report a
 * key it cannot load by quoting it whole into the error log; a key that
 * fails here is never handed to nginx, and the error names the Secret
 * only. */
static ngx_flag_t
ngx_http_ingresskit_pair_usable(ngx_http_request_t *r,
    ngx_http_ingresskit_main_conf_t *mcf, ngx_http_ingresskit_ctx_t *ctx)
{
    BIO                         *bio;
    X509                        *cert;
    EVP_PKEY                    *key;
    ngx_uint_t                   i;
    const char                  *why;
    ngx_flag_t                   usable;
    ngx_http_ingresskit_pair_t  *pair;

    for (i = 0; i < NGX_HTTP_INGRESSKIT_PAIR_SLOTS; i++) {
        pair = &mcf->pairs[i];

        if (pair->server == ctx->tls.server
            && pair->version == ctx->version)
        {
            return pair->usable;
        }
    }

    cert = NULL;
    key = NULL;
    why = NULL;

    bio = BIO_new_mem_buf(ctx->tls.certificate, (int) ctx->tls.certificate_len);
    if (bio != NULL) {
        cert = PEM_read_bio_X509(bio, NULL, ngx_http_ingresskit_no_password,
                                 NULL);
        BIO_free(bio);
    }

    bio = BIO_new_mem_buf(ctx->tls.private_key, (int) ctx->tls.private_key_len);
    if (bio != NULL) {
        key = PEM_read_bio_PrivateKey(bio, NULL,
                                      ngx_http_ingresskit_no_password, NULL);
        BIO_free(bio);
    }

    if (cert == NULL) {
        why = "the certificate is not a PEM certificate";

    } else if (key == NULL) {
        why = "the key is not an unencrypted PEM private key";

    } else if (X509_check_private_key(cert, key) != 1) {
        why = "the key does not belong to the certificate";
    }

    usable = (why == NULL);

    if (!usable) {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "ingresskit: Secret %*s cannot serve TLS: %s",
                      ctx->tls.secret_len, ctx->tls.secret, why);
    }

    X509_free(cert);
    EVP_PKEY_free(key);
    ERR_clear_error();

    pair = &mcf->pairs[mcf->next_pair++ % NGX_HTTP_INGRESSKIT_PAIR_SLOTS];
    pair->server = ctx->tls.server;
    pair->version = ctx->version;
    pair->usable = usable;

    return usable;
}

#endif


/* The HTTPS server, certificate and key the connection's server name
 * gets; tls.found is 0 without TLS or without a server for the name. */
static void
ngx_http_ingresskit_lookup_tls(ngx_http_request_t *r,
    ngx_http_ingresskit_ctx_t *ctx)
{
#if (NGX_HTTP_SSL)
    size_t                            len;
    const char                       *sni;
    ngx_http_ingresskit_main_conf_t  *mcf;
#endif

    if (ctx->tls_done) {
        return;
    }

    ctx->tls_done = 1;
    ingresskit_tls_init(&ctx->tls, INGRESSKIT_TLS_VERSION);

#if (NGX_HTTP_SSL)
    if (r->connection->ssl == NULL) {
        return;
    }

    ngx_http_ingresskit_server_name(r, &sni, &len);

    if (ingresskit_table_tls(ctx->table, sni, len, &ctx->tls, NULL)
        != INGRESSKIT_OK
        || !ctx->tls.found || !ctx->tls.secret_found)
    {
        return;
    }

    mcf = ngx_http_get_module_main_conf(r, ngx_http_ingresskit_module);
    ctx->tls_usable = ngx_http_ingresskit_pair_usable(r, mcf, ctx) ? 1 : 0;
#endif
}


/* ---- Variables ------------------------------------------------------- */


static void
ngx_http_ingresskit_set(ngx_http_variable_value_t *v, const char *data,
    size_t len)
{
    v->data = (u_char *) data;
    v->len = len;
    v->valid = 1;
    v->no_cacheable = 0;
    v->not_found = 0;
}


static ngx_int_t
ngx_http_ingresskit_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    u_char                     *p;
    ngx_http_ingresskit_ctx_t  *ctx;

    v->not_found = 1;

    if (data >= NGX_HTTP_INGRESSKIT_VAR_TLS_CERT) {
        ngx_http_ingresskit_main_conf_t  *mcf;

        mcf = ngx_http_get_module_main_conf(r, ngx_http_ingresskit_module);

        ctx = ngx_http_ingresskit_get_ctx(r, mcf);
        if (ctx == NULL) {
            return NGX_OK;
        }

        ngx_http_ingresskit_lookup_tls(r, ctx);

        if (!ctx->tls.found) {
            return NGX_OK;
        }

        switch (data) {

        case NGX_HTTP_INGRESSKIT_VAR_TLS_CERT:
            if (ctx->tls_usable) {
                ngx_http_ingresskit_set(v, ctx->tls.certificate,
                                        ctx->tls.certificate_len);
            }
            break;

        case NGX_HTTP_INGRESSKIT_VAR_TLS_KEY:
            if (ctx->tls_usable) {
                ngx_http_ingresskit_set(v, ctx->tls.private_key,
                                        ctx->tls.private_key_len);
            }
            break;

        default:
            ngx_http_ingresskit_set(v, ctx->tls.secret, ctx->tls.secret_len);
            break;
        }

        return NGX_OK;
    }

    ctx = ngx_http_ingresskit_decide(r);
    if (ctx == NULL) {
        return NGX_OK;
    }

    if (data == NGX_HTTP_INGRESSKIT_VAR_VERSION) {
        p = ngx_pnalloc(r->pool, NGX_INT64_LEN);
        if (p == NULL) {
            return NGX_ERROR;
        }

        ngx_http_ingresskit_set(v, (const char *) p,
                                ngx_sprintf(p, "%uL", ctx->version) - p);
        return NGX_OK;
    }

    if (ctx->target.status != INGRESSKIT_MATCH_MATCHED || ctx->status != 0) {
        return NGX_OK;
    }

    /* The route's Ingress and path are not part of the lean answer: read
     * once, by route id, by the first variable that needs them. */
    if ((data == NGX_HTTP_INGRESSKIT_VAR_INGRESS
         || data == NGX_HTTP_INGRESSKIT_VAR_ROUTE)
        && !ctx->route_done)
    {
        ingresskit_match_init(&ctx->route, INGRESSKIT_MATCH_VERSION);

        if (ingresskit_table_route(ctx->table, (uint64_t) ctx->target.route_id,
                                   &ctx->route, NULL)
            != INGRESSKIT_OK)
        {
            return NGX_ERROR;
        }

        ctx->route_done = 1;
    }

    switch (data) {

    case NGX_HTTP_INGRESSKIT_VAR_UPSTREAM:
        ngx_http_ingresskit_set(v, (const char *) ctx->upstream.data,
                                ctx->upstream.len);
        break;

    case NGX_HTTP_INGRESSKIT_VAR_DESTINATION:
        ngx_http_ingresskit_set(v, ctx->target.destination,
                                ctx->target.destination_len);
        break;

    case NGX_HTTP_INGRESSKIT_VAR_PORT:
        p = ngx_pnalloc(r->pool, NGX_INT_T_LEN);
        if (p == NULL) {
            return NGX_ERROR;
        }

        ngx_http_ingresskit_set(v, (const char *) p,
                                ngx_sprintf(p, "%uD", ctx->target.port) - p);
        break;

    case NGX_HTTP_INGRESSKIT_VAR_CLUSTER:
        ngx_http_ingresskit_set(v, ctx->target.cluster,
                                ctx->target.cluster_len);
        break;

    case NGX_HTTP_INGRESSKIT_VAR_INGRESS:
        p = ngx_pnalloc(r->pool, ctx->route.ingress_namespace_len + 1
                                 + ctx->route.ingress_name_len);
        if (p == NULL) {
            return NGX_ERROR;
        }

        ngx_http_ingresskit_set(v, (const char *) p,
                                ngx_sprintf(p, "%*s/%*s",
                                            ctx->route.ingress_namespace_len,
                                            ctx->route.ingress_namespace,
                                            ctx->route.ingress_name_len,
                                            ctx->route.ingress_name)
                                - p);
        break;

    default: /* NGX_HTTP_INGRESSKIT_VAR_ROUTE */
        ngx_http_ingresskit_set(v, ctx->route.path, ctx->route.path_len);
        break;
    }

    return NGX_OK;
}
