// The text of `autograd-lab --help` and `autograd-lab train --help`.

export const mainHelp = `autograd-lab: gradient descent you can reproduce in a terminal

Usage:
  autograd-lab train [options]                   train a model: linear, logistic, an MLP, any expression (train --help)
  autograd-lab derive EXPR [options]             the derivative of a loss expression (derive --help)
  autograd-lab check --loss L --gradient G       check a hand-written gradient against autograd (check --help)
  autograd-lab graph EXPR [options]              the computation graph autograd records, stepped (graph --help)
  autograd-lab --version                         print the version
  autograd-lab --help                            print this help

Start with:
  autograd-lab train --example tutorial          the tutorial's PyTorch table, digit for digit
  autograd-lab train --example tutorial-numpy    its numpy table, with the hand-written gradient
`;

export const trainHelp = `Usage: autograd-lab train DATA [options]

Trains y = X.w (+ b), or any model expression (logistic regression, an MLP), by gradient descent
on our autograd engine and prints every K-th epoch as the tutorial does:
"epoch 10: w = 1.665, loss = 1.16278565".

Data (exactly one):
  --example tutorial         x = 1,2,3,4, y = 2,4,6,8, f(x) = w*x, w = 0, MSE, SGD lr 0.01,
                             100 epochs, float32 (the notebook's PyTorch half; flags below override it)
  --example tutorial-numpy   the notebook's numpy half as written (hand gradient, 20 epochs)
  --x 1,2,3,4 --y 2,4,6,8    inline data; several features as rows: --x "1,2;3,4;5,6"
  --data FILE --target COL   a CSV file with a header row and numeric columns; COL is the target,
                             every other column a feature; read as a stream, any size

Model:
  --bias                     add a bias b (default: none, f(x) = X.w)
  --init zeros|torch         initial parameters (default zeros; torch, also spelled uniform, is
                             PyTorch nn.Linear's U(-1/sqrt(fan_in), 1/sqrt(fan_in)) drawn from --seed,
                             fan_in = D for w and b, a weight's rows for it and its bias)
  --params FILE.json         initial values by name, {"W1": [[...]], "b1": [...], "b2": 0.1}; the
                             names it leaves out start from --init; a wrong shape is named with the
                             shape expected ("initial value of W1: expected 2 x ?, got 3 x 4")

Model presets (each printed as the expression it stands for):
  --model linear             x @ w + b
  --model poly:K             w1*x + w2*x**2 + ... + wK*x**K + b (x @ w1 + x**2 @ w2 ... with several features)
  --model logistic           torch.sigmoid(x @ w + b), with --loss bce unless another is given
  --model mlp:H1[,H2...][:tanh|relu]
                             torch.tanh(x @ W1 + b1) @ w2 + b2 (hidden sizes H1, H2, ...; default tanh);
                             the output is linear, or torch.sigmoid(...) with --loss bce

Model and loss as expressions (Python/numpy, JS or math syntax):
  --model EXPR               the prediction from x. A model of x, w and b alone is the linear model
                             ("w*x"; using b adds a bias; x is a vector for one feature, else N x D).
                             Any other name is a parameter, and x is the N x D matrix:
                             "np.tanh(x @ W1 + b1) @ w2 + b2" gives W1 D x H, b1 and w2 H, b2 a
                             number. A width the data do not fix (H) comes from:
  --hidden H[,H2...]         the hidden widths in order of first use (one value sizes them all)
  --shape NAME=AxB           a parameter's shape (repeatable), e.g. --shape W1=2x16
  --loss EXPR                the loss from y_pred and y (x and the model's parameters too), e.g.
                             "((y_pred-y)**2).mean()" or "-(y*np.log(y_pred)+(1-y)*np.log(1-y_pred)).mean()".
                             It reports accuracy when it is one of these of y_pred, by mean or sum (an
                             extra term without y_pred or y, such as a penalty, allowed), with its labels:
                             "F.binary_cross_entropy(y_pred, y)" (0/1 labels, y_pred > 0.5 is the label 1),
                             "F.binary_cross_entropy_with_logits(y_pred, y)" or of torch.sigmoid(y_pred)
                             (0/1, y_pred > 0), "np.maximum(0, 1 - y*y_pred).mean()" (-1/1, y_pred > 0)
  --gradient EXPR            a hand-written dL/dw from x, y, y_pred, w used instead of autograd's,
                             e.g. the tutorial's "np.dot(2*x, y_pred-y).mean()"; it is checked against
                             autograd at the start, and a warning says how it differs (4x: sum vs mean);
                             only with a model of x, w and b

Loss:
  --loss mse|mae|huber|bce|hinge|cross-entropy|EXPR
                             default mse (bce for --model logistic). bce is PyTorch's BCELoss of a
                             probability, cross-entropy its BCEWithLogitsLoss of a logit, hinge
                             mean(max(0, 1 - t*f)) with t = -1 for the label 0; they take the labels
                             0 and 1 (hinge also -1) and report accuracy (p > 0.5, or f > 0, is the
                             label 1). Exactly one of these names (lower case) is always the built-in
                             loss; any other text is parsed as an expression, so "MSE" or "logloss" is an
                             expression with an unknown name, and an expression that does not parse is
                             reported with a caret under the problem
  --huber-delta D            Huber's delta (default 1)
  --reduction mean|sum       default mean

Optimizer:
  --optimizer sgd|momentum|adam   default sgd (momentum = SGD with momentum 0.9)
  --lr LR                    learning rate (default 0.01; 0.001 for adam). With MSE and full batch, a
                             rate above the stability limit (2/lambda_max of the loss Hessian; higher
                             with momentum) gets a warning on stderr before the first epoch
  --momentum MU              SGD momentum, PyTorch's v = mu*v + g, p -= lr*v (implies momentum)
  --nesterov                 Nesterov momentum
  --betas B1,B2 --eps EPS    Adam's (default 0.9,0.999 and 1e-8)
  --weight-decay WD          L2 penalty added to the gradient (default 0)

Run:
  --epochs N                 default 100
  --batch-size B             mini-batches of B rows, shuffled each epoch from --seed (default: full batch)
  --no-shuffle               mini-batches in row order, as PyTorch's DataLoader(shuffle=False)
  --dtype float32|float64    default float32, as PyTorch
  --seed S                   seed of the uniform init and the shuffle (default 0)
  --every K                  print epochs 0, K, 2K, ... (default: a tenth of the epochs)
  --predict X                print f(X) before and after training (default 5 for the tutorial;
                             several features: --predict 1,2)
  --json                     write one JSON object instead of the table:
                             {"config": {...}, "shapes": {"w": [D], "b": []},
                              "history": [{"epoch", "loss", "accuracy"?, "params": {"w": [...], "b"}}, ...],
                              "final": {"loss", "params"},
                              "diverged": null | {"epoch", "cause", "reason"}}
                             with every epoch in history. A model with its own parameters writes
                             each by name as nested lists ({"W1": [[...], [...]], "b2": 0.1}), its
                             shape in "shapes". history[k] pairs values as PyTorch's printout
                             (and the table) does: "loss" is computed in epoch k's forward pass, at the
                             parameters BEFORE epoch k's update, and "params" are the parameters AFTER it
                             (the tutorial's epoch 0: loss 30 at w = 0, then w = 0.3). With mini-batches,
                             "loss" combines the epoch's batch losses, each taken before its own update
                             (mean over the samples, or their sum with --reduction sum). "final.loss" is the
                             loss on all the data at "final.params". "diverged" says why training stopped
                             early: "cause" is "diverged" (the loss or a parameter became NaN or infinite
                             after updates) or "invalid" (the loss is not finite at the starting
                             parameters, before any step, or the bce loss got an output that is not a
                             probability: no learning rate helps); "epoch" is the epoch where it
                             stopped; it is not in history
  --export-pytorch FILE.py   also write the run as a PyTorch script: the same data (a large CSV is read
                             from its file), the same first values, the model and loss in torch ops
                             (np.tanh -> torch.tanh, np.maximum(u, 0) -> torch.clamp(u, min=0), .T ->
                             torch.t), the same optimizer, batches in the same order (our shuffle's
                             generator is in the script); it prints the same table, digit for digit in
                             float64. A --gradient, or a function torch has no spelling for, is refused

Exit status: 0 trained, 1 bad arguments or data (one line on stderr, CSV errors as FILE:LINE:COLUMN),
3 training stopped early: it diverged (a NaN or infinite loss or parameter after updates; stderr
says which learning rate to try), or the model or loss gave values the loss cannot take (a loss that
is not finite at the starting parameters, an output of the bce loss that is not a probability;
stderr says what to change).
`;
