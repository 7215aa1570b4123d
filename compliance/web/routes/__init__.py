"""The pages, one module per topic."""
from . import admin, auth, committees, exports, jobs, memos, overview, reviews, uploads

ROUTERS = [auth.router, overview.router, committees.router, uploads.router, jobs.router, reviews.router,
           memos.router, exports.router, admin.router]
